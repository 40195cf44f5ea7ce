// The name ARM-era code knows for ServiceRequestException, kept so that callers (and Scopes/FailureMapper, which maps
// it to a typed ScopeFailure) cover every service without a rename sweep across folders other work is changing.
global using ArmRequestException = CrossTenantSecurity.Engine.Transport.ServiceRequestException;
