# Posture gate policy for Test-CtPosture -PolicyPath. Read as data, never run; unknown keys are refused.
@{
    # Secure score (0-100): per subscription and per customer.
    MinimumSecureScore = @{ Subscription = 30; Customer = 35 }
    # Unhealthy recommendations per subscription, by severity.
    MaximumUnhealthy   = @{ High = 25; Medium = 50 }
    # Defender plans every subscription must have on.
    RequiredPlan       = @('VirtualMachines')
    # The most a customer's score may fall (points) since the last saved snapshot.
    MaximumScoreDrop   = 5

    # Per-customer overrides, keyed by the customer's home tenant id.
    Customers          = @{
        '33333333-3333-4333-8333-333333333333' = @{ MinimumSecureScore = @{ Customer = 30 } }
    }

    # Exemptions: a check (or a family such as RequiredPlan) for a subscription or customer (or *), with a reason and an expiry.
    Exemptions         = @(
        @{ Check = 'RequiredPlan'; Scope = '2b222222-0000-4000-8000-000000000003'; Reason = 'Legacy subscription, decommissioned in Q1 (CHG-1042)'; Expires = '2027-03-31' }
    )
}
