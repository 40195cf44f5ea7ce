using System.IO;
using System.Linq;
using System.Text.Json;

namespace CrossTenantSecurity.Emulator
{
    /// <summary>
    /// What a script that started the emulator needs to use it, written atomically once it listens: the URL, the CA
    /// to trust and the sample automation principal (its secret exists only in the sandbox).
    /// </summary>
    public static class EmulatorReadyFile
    {
        public static void Write(string path, EmulatorHost host)
        {
            var principal = host.Scenario.Principals.First(p => p.Secret is not null);
            var content = new
            {
                url = host.BaseUrl.AbsoluteUri,
                certificatePath = host.CertificatePath,
                processId = System.Environment.ProcessId,
                scenario = host.Scenario.Name,
                tenantId = principal.TenantId,
                applicationId = principal.AppId,
                secret = principal.Secret,
            };
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(content, new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temporary, path, overwrite: true);
        }
    }
}
