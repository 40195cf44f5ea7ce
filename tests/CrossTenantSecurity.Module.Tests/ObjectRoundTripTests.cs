using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// Objects that survive the trip: CSV cells are readable, JSON says enum names, severities sort by meaning,
    /// and ids from Import-Csv or Import-Clixml drive Set-CtAlertState. Uses PowerShell's own Utility cmdlets.
    /// </summary>
    [Collection(EmulatorCollection.Name)]
    public class ObjectRoundTripTests
    {
        internal const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";
        internal const string NotDelegated = "9f999999-0000-4000-8000-000000000001";

        /// <summary>One command per output type.</summary>
        private const string EveryOutputType =
            "Get-CtContext; Get-CtEnvironment; Get-CtTenant; Get-CtDelegatedSubscription -IncludeHome; Get-CtDelegation; Get-CtSecureScore; " +
            "Get-CtSecureScore -AggregateBy Tenant; Get-CtSecureScoreControl; Get-CtSecureScoreControl -Top 3; Get-CtRecommendation -Status Healthy, Unhealthy; " +
            "Get-CtAlert; Get-CtDefenderPlan; Get-CtRegulatoryCompliance -IncludeControls; " +
            "$s = Get-CtPostureSnapshot -WarningAction SilentlyContinue; $s; $s.Tenants; $s.Subscriptions; $s.Failures; $s.TopRecommendations; $s.Plans; $s.Compliance";

        private readonly ModuleFixture _emulator;

        public ObjectRoundTripTests(ModuleFixture emulator) => _emulator = emulator;

        internal static PowerShellSession WithUtility(PowerShellSession ps)
        {
            PSResult imported = ps.Run("Import-Module -Assembly $utility", ("utility", typeof(Microsoft.PowerShell.Commands.SortObjectCommand).Assembly));
            Assert.False(imported.Failed, imported.Describe());
            return ps;
        }

        private PowerShellSession SignedIn()
        {
            PowerShellSession ps = WithUtility(new PowerShellSession());
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        private string AlertStatus(string name) =>
            _emulator.Host.Runtime.Posture.AlertStatus(_emulator.Host.Runtime.Posture.For(Guid.Parse(NorthwindProduction))!.Alerts.Single(a => a.Name == name));

        private string ActiveAlertName() =>
            _emulator.Host.Runtime.Posture.For(Guid.Parse(NorthwindProduction))!.Alerts.First(a => _emulator.Host.Runtime.Posture.AlertStatus(a) == "Active").Name;

        [Fact]
        public void Every_collection_property_of_an_output_type_joins_its_items_as_text()
        {
            using var ps = new PowerShellSession();
            // Any public instance property that is a collection must be a type whose ToString the module defines.
            PSResult offenders = ps.Run(@"
                $contracts = [CrossTenantSecurity.Alert].Assembly
                foreach ($type in $contracts.GetExportedTypes()) {
                    if ([System.Collections.IEnumerable].IsAssignableFrom($type) -or [Exception].IsAssignableFrom($type)) { continue }
                    foreach ($property in $type.GetProperties([Reflection.BindingFlags]'Public,Instance')) {
                        $t = $property.PropertyType
                        if ($t -eq [string] -or -not [System.Collections.IEnumerable].IsAssignableFrom($t)) { continue }
                        if ($t.GetMethod('ToString', [type[]]@()).DeclaringType.Assembly -ne $contracts) { '{0}.{1}' -f $type.Name, $property.Name }
                    }
                }
                'checked'");
            Assert.False(offenders.Failed, offenders.Describe());
            Assert.Equal(new[] { "checked" }, offenders.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void Every_enum_property_of_an_output_type_is_long_based_so_json_writes_its_name()
        {
            using var ps = new PowerShellSession();
            PSResult offenders = ps.Run(@"
                foreach ($type in [CrossTenantSecurity.Alert].Assembly.GetExportedTypes()) {
                    foreach ($property in $type.GetProperties([Reflection.BindingFlags]'Public,Instance')) {
                        $t = [Nullable]::GetUnderlyingType($property.PropertyType) ?? $property.PropertyType
                        if ($t.IsEnum -and [Enum]::GetUnderlyingType($t) -ne [long]) { '{0}.{1}' -f $type.Name, $property.Name }
                    }
                }
                'checked'");
            Assert.False(offenders.Failed, offenders.Describe());
            Assert.Equal(new[] { "checked" }, offenders.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void Csv_cells_of_every_output_type_are_readable_and_lists_join_with_semicolons()
        {
            using PowerShellSession ps = SignedIn();
            PSResult csv = ps.Run("& { " + EveryOutputType + " } -ErrorAction SilentlyContinue | ForEach-Object { $_ | ConvertTo-Csv -NoTypeInformation }");
            Assert.NotEmpty(csv.Output);
            var typeNames = new Regex(@"System\.[A-Za-z.]+(\[\]|`\d)|System\.Collections|CrossTenantSecurity\.[A-Za-z]+(`\d|\[)", RegexOptions.CultureInvariant);
            Assert.DoesNotContain(csv.Output.Select(o => o.ToString()!), line => typeNames.IsMatch(line));

            // Lists join with "; " and each item says what it is; in the pipeline they stay lists.
            PSResult delegation = ps.Run(@"
                $d = Get-CtDelegation -SubscriptionId $sub | Where-Object { $_.Authorizations.Count -gt 1 } | Select-Object -First 1
                $row = $d | ConvertTo-Csv | ConvertFrom-Csv
                $row.Authorizations
                ($d.Authorizations | ForEach-Object ToString) -join '; '
                $d.Authorizations.Count
                $d.Authorizations[0].RoleName", ("sub", NorthwindProduction));
            Assert.False(delegation.Failed, delegation.Describe());
            string cell = delegation.Output[0].ToString()!;
            Assert.Equal(delegation.Output[1].ToString(), cell);
            Assert.Contains("; ", cell, StringComparison.Ordinal);
            Assert.Contains(": ", cell, StringComparison.Ordinal); // "principal: role"
            Assert.True((int)delegation.Output[2].BaseObject > 1);
            Assert.False(string.IsNullOrEmpty(delegation.Output[3]?.ToString()));

            PSResult recommendation = ps.Run(@"
                $r = Get-CtRecommendation -SubscriptionId $sub | Where-Object { $_.Categories.Count -gt 0 } | Select-Object -First 1
                $path = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'ct-' + [guid]::NewGuid() + '.csv')
                $r | Export-Csv -Path $path
                (Import-Csv -Path $path).Categories
                $r.Categories -join '; '
                $r.Categories -contains $r.Categories[0]
                [IO.File]::Delete($path)", ("sub", NorthwindProduction));
            Assert.False(recommendation.Failed, recommendation.Describe());
            Assert.Equal(recommendation.Output[1].ToString(), recommendation.Output[0].ToString());
            Assert.True((bool)recommendation.Output[2].BaseObject);

            PSResult subscriptions = ps.Run("(Get-CtDelegatedSubscription | ConvertTo-Csv | ConvertFrom-Csv).ManagedByTenantIds");
            Assert.Equal(8, subscriptions.Output.Count);
            Assert.All(subscriptions.Output, ids => Assert.Contains(ModuleFixture.Msp.ToString(), ids.ToString(), StringComparison.Ordinal));
            Assert.Contains(subscriptions.Output, ids => ids.ToString() == $"{ModuleFixture.Msp}; {ModuleFixture.Litware}" || ids.ToString() == $"{ModuleFixture.Litware}; {ModuleFixture.Msp}");
        }

        [Fact]
        public void ConvertTo_Json_writes_enum_names_without_EnumsAsStrings_and_the_enums_still_filter_and_format()
        {
            using PowerShellSession ps = SignedIn();
            PSResult json = ps.Run(@"
                (Get-CtDelegatedSubscription | Select-Object -First 1 | ConvertTo-Json -Compress | ConvertFrom-Json).AccessType
                (Get-CtTenant | Where-Object Relationship -eq 'Customer' | Select-Object -First 1 | ConvertTo-Json -Compress | ConvertFrom-Json).Relationship
                (Get-CtContext | ConvertTo-Json -Compress | ConvertFrom-Json).AuthenticationMethod
                (Get-CtDelegation -SubscriptionId $sub | Select-Object -First 1 | ConvertTo-Json -Compress | ConvertFrom-Json).ScopeType
                (Get-CtAlert -SubscriptionId $sub | Select-Object -First 1 | ConvertTo-Json -Compress | ConvertFrom-Json).Severity
                (Get-CtRecommendation -SubscriptionId $sub | Select-Object -First 1 | ConvertTo-Json -Compress | ConvertFrom-Json).Severity",
                ("sub", NorthwindProduction));
            Assert.False(json.Failed, json.Describe());
            Assert.Equal(6, json.Output.Count);
            Assert.All(json.Output, value => Assert.IsType<string>(value.BaseObject));
            Assert.Equal(new[] { "Delegated", "Customer", "ClientSecret", "Subscription" }, json.Output.Take(4).Select(o => (string)o.BaseObject));
            Assert.All(json.Output.Skip(4), severity => Assert.Contains((string)severity.BaseObject, new[] { "Informational", "Low", "Medium", "High" }));

            PSResult usable = ps.Run(@"
                (Get-CtDelegatedSubscription | Where-Object AccessType -eq 'Delegated').Count
                (Get-CtRecommendation -Severity High -SubscriptionId $sub | Where-Object Severity -ne 'High').Count
                Get-CtTenant | Where-Object Relationship -eq 'Customer' | Out-String -Width 250",
                ("sub", NorthwindProduction));
            Assert.False(usable.Failed, usable.Describe());
            Assert.Equal(8, (int)usable.Output[0].BaseObject);
            Assert.Equal(0, (int)usable.Output[1].BaseObject);
            Assert.Contains("Customer", usable.Output[2].ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Severity_sorts_by_meaning_and_compares_with_names()
        {
            using PowerShellSession ps = SignedIn();
            string[] order = { "Unknown", "Informational", "Low", "Medium", "High" };
            foreach (string command in new[] { "Get-CtAlert", "Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable" })
            {
                PSResult sorted = ps.Run(command + " -ErrorAction SilentlyContinue | Sort-Object Severity | ForEach-Object { $_.Severity.ToString() }");
                Assert.False(sorted.Failed, sorted.Describe());
                List<string> severities = sorted.Output.Select(o => o.ToString()!).ToList();
                Assert.True(severities.Distinct().Count() > 1, command + " should return several severities");
                List<int> ranks = severities.Select(s => Array.IndexOf(order, s)).ToList();
                Assert.DoesNotContain(-1, ranks);
                Assert.Equal(ranks.OrderBy(r => r), ranks);
            }

            PSResult atLeastMedium = ps.Run("Get-CtAlert -ErrorAction SilentlyContinue | Where-Object Severity -ge 'Medium' | ForEach-Object { $_.Severity.ToString() } | Select-Object -Unique");
            Assert.NotEmpty(atLeastMedium.Output);
            Assert.All(atLeastMedium.Output, s => Assert.Contains(s.ToString(), new[] { "Medium", "High" }));
        }

        [Fact]
        public void Set_CtAlertState_takes_ids_from_Import_Csv_and_reads_the_alert_back()
        {
            using PowerShellSession ps = SignedIn();
            string name = ActiveAlertName();
            try
            {
                PSResult changed = ps.Run(@"
                    $path = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'ct-' + [guid]::NewGuid() + '.csv')
                    Get-CtAlert -SubscriptionId $sub | Where-Object Name -eq $name | Export-Csv -Path $path
                    Import-Csv -Path $path | Set-CtAlertState -State InProgress -PassThru
                    [IO.File]::Delete($path)", ("sub", NorthwindProduction), ("name", name));
                Assert.False(changed.Failed, changed.Describe());
                dynamic alert = Assert.Single(changed.Items);
                Assert.Equal("InProgress", (string)alert.Status);
                Assert.Equal("Northwind Traders", (string)alert.TenantName);
                Assert.Equal("InProgress", AlertStatus(name));
            }
            finally
            {
                ps.Run("Get-CtAlert -SubscriptionId $sub | Where-Object Name -eq $name | Set-CtAlertState -State Active", ("sub", NorthwindProduction), ("name", name));
            }
            Assert.Equal("Active", AlertStatus(name));
        }

        [Fact]
        public void Deserialized_alerts_bind_by_Id_and_WhatIf_names_the_customer_and_sends_nothing()
        {
            using PowerShellSession ps = SignedIn();
            string name = ActiveAlertName();
            PSResult whatIf = ps.Run(@"
                $path = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'ct-' + [guid]::NewGuid() + '.xml')
                Get-CtAlert -SubscriptionId $sub | Where-Object Name -eq $name | Export-Clixml -Path $path
                $imported = Import-Clixml -Path $path
                [IO.File]::Delete($path)
                $imported.pstypenames[0]
                $imported | Set-CtAlertState -State Dismissed -WhatIf", ("sub", NorthwindProduction), ("name", name));
            Assert.False(whatIf.Failed, whatIf.Describe());
            Assert.Equal("Deserialized.CrossTenantSecurity.Alert", whatIf.Output.Single().ToString());
            Assert.Contains("Set state to Dismissed", whatIf.HostText, StringComparison.Ordinal);
            Assert.Contains("Northwind Traders", whatIf.HostText, StringComparison.Ordinal);
            Assert.Contains(name, whatIf.HostText, StringComparison.Ordinal);
            Assert.Equal("Active", AlertStatus(name));

            // By parameter too: -Id is the alias of -ResourceId.
            PSResult byAlias = ps.Run("Set-CtAlertState -Id (Get-CtAlert -SubscriptionId $sub | Where-Object Name -eq $name).Id -State Resolved -WhatIf",
                ("sub", NorthwindProduction), ("name", name));
            Assert.False(byAlias.Failed, byAlias.Describe());
            Assert.Contains("Set state to Resolved", byAlias.HostText, StringComparison.Ordinal);
            Assert.Equal("Active", AlertStatus(name));
        }

        [Fact]
        public void An_alert_id_in_a_subscription_not_delegated_to_you_fails_as_reads_do()
        {
            using PowerShellSession ps = SignedIn();
            string id = $"/subscriptions/{NotDelegated}/providers/Microsoft.Security/locations/westeurope/alerts/2517000000000000000_x";
            PSResult write = ps.Run("Set-CtAlertState -ResourceId $id -State Resolved", ("id", id));
            PSResult read = ps.Run("Get-CtAlert -SubscriptionId $sub", ("sub", NotDelegated));
            ErrorRecord writeError = Assert.Single(write.Errors);
            ErrorRecord readError = Assert.Single(read.Errors);
            Assert.StartsWith("AlertState.NotFound,", writeError.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.StartsWith("Alert.NotFound,", readError.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(readError.CategoryInfo.Category, writeError.CategoryInfo.Category);
            Assert.Equal(readError.Exception.Message, writeError.Exception.Message);
            Assert.Equal(id, writeError.TargetObject?.ToString());

            PSResult malformed = ps.Run("Set-CtAlertState -ResourceId '/subscriptions/not-an-alert' -State Resolved");
            Assert.StartsWith("AlertState.BadRequest,", Assert.Single(malformed.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void Set_CtAlertState_help_and_binding_offer_both_parameter_sets()
        {
            using PowerShellSession ps = WithUtility(new PowerShellSession());
            PSResult sets = ps.Run(@"
                $c = Get-Command Set-CtAlertState
                ($c.ParameterSets | ForEach-Object Name | Sort-Object) -join ','
                $c.Parameters['ResourceId'].Aliases -join ','
                $c.Parameters['ResourceId'].ParameterSets['ResourceId'].ValueFromPipelineByPropertyName");
            Assert.False(sets.Failed, sets.Describe());
            Assert.Equal("InputObject,ResourceId", sets.Output[0].ToString());
            Assert.Equal("Id", sets.Output[1].ToString());
            Assert.True((bool)sets.Output[2].BaseObject);
        }
    }
}
