using System;
using System.Linq;
using CrossTenantSecurity.Shell;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Connect-CtAccount -Scope: a runspace's own sign-in by default, or one shared with every runspace of the process.</summary>
    [Collection(EmulatorCollection.Name)]
    public class SignInScopeTests
    {
        private const string InParallel = "1..2 | ForEach-Object -ThrottleLimit 2 -Parallel { Import-Module $using:manifest; ";
        private readonly ModuleFixture _emulator;

        public SignInScopeTests(ModuleFixture emulator) => _emulator = emulator;

        private static (string, object?) Manifest => ("manifest", ModuleLocation.EnsureManifest());

        [Fact]
        public void By_default_a_sign_in_stays_in_its_runspace()
        {
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            PSResult parallel = ps.Run(InParallel + "[string](Get-CtContext).TenantId; try { Get-CtTenant -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] } }", Manifest);
            Assert.False(parallel.Failed, parallel.Describe());
            Assert.Equal(new[] { "", "", "Context.NotConnected", "Context.NotConnected" }, parallel.Output.Select(o => o.ToString()).OrderBy(s => s));
            Assert.Equal(ModuleFixture.Msp, (Guid)ps.Run("(Get-CtContext).TenantId").Output.Single().BaseObject);
        }

        [Fact]
        public void A_process_sign_in_reaches_parallel_runspaces_and_Disconnect_clears_the_one_in_use()
        {
            using var ps = new PowerShellSession();
            using var other = new PowerShellSession();
            using var litware = new PowerShellSession();
            try
            {
                Assert.False(ps.Connect(_emulator, ModuleFixture.Automation, "-Scope Process").Failed);
                PSResult parallel = ps.Run(InParallel + "@(Get-CtDelegatedSubscription).Count }", Manifest);
                Assert.False(parallel.Failed, parallel.Describe());
                Assert.Equal(new[] { 8, 8 }, parallel.Output.Select(o => (int)o.BaseObject));

                // Another runspace with no sign-in of its own uses the process's; one that signs in keeps its own.
                Assert.Equal(ModuleFixture.Msp, (Guid)other.Run("(Get-CtContext).TenantId").Output.Single().BaseObject);
                Assert.False(litware.Connect(_emulator, ModuleFixture.LitwareOperator).Failed);
                Assert.Single(litware.Run("Get-CtDelegatedSubscription").Output);
                Assert.Equal(8, other.Run("Get-CtDelegatedSubscription").Output.Count);

                // -Scope Runspace drops only the runspace's own; the process sign-in shows through again.
                Assert.False(litware.Run("Disconnect-CtAccount -Scope Runspace").Failed);
                Assert.Equal(ModuleFixture.Msp, (Guid)litware.Run("(Get-CtContext).TenantId").Output.Single().BaseObject);

                // Without -Scope, Disconnect drops the sign-in this runspace uses: here the process's, for everyone.
                Assert.False(other.Run("Disconnect-CtAccount").Failed);
                Assert.Empty(ps.Run("Get-CtContext").Output);
                Assert.StartsWith("Context.NotConnected,", ps.Run("Get-CtTenant").TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            }
            finally
            {
                ps.Run("Disconnect-CtAccount -Scope Process");
            }
        }
    }
}
