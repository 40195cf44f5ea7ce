using System;
using System.Management.Automation;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Opens the history for a command; a database that cannot be opened is a terminating error that says why.</summary>
    internal static class HistoryAccess
    {
        public static PostureHistory Open(CtCmdlet cmdlet, string path)
        {
            try
            {
                return PostureHistory.Open(path);
            }
            catch (HistorySchemaException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecordFactory.Create(e, "History.SchemaTooNew", ErrorCategory.InvalidData, path,
                    "Update the CrossTenantSecurity module, or pass another -DatabasePath."));
                throw;
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                cmdlet.ThrowTerminatingError(ErrorRecordFactory.Create(new InvalidOperationException($"The history database '{path}' could not be opened: {e.Message}", e),
                    "History.OpenFailed", ErrorCategory.OpenError, path, "Check that the path is writable and is a CrossTenantSecurity history database (or a new file)."));
                throw;
            }
        }
    }
}
