// Tests name the engine's one service error as the engine's own ARM-era code does (see the engine's ArmRequestException.cs).
global using ArmRequestException = CrossTenantSecurity.Engine.Transport.ServiceRequestException;
