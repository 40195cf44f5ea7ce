using System;
using System.Globalization;
using System.IO;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator
{
    /// <summary>The standalone emulator's arguments: what to serve, where, and how it behaves.</summary>
    public sealed class EmulatorCommandLine
    {
        public EmulatorOptions Options { get; } = new EmulatorOptions { Port = 8443 };
        public string? Scenario { get; private set; }
        /// <summary>A JSON file written once the emulator listens (URL, CA path, sample sign-in), removed at stop.</summary>
        public string? ReadyFile { get; private set; }
        public bool ShowHelp { get; private set; }

        public const string Usage = """
            CrossTenantSecurity emulator: Entra ID, ARM (Lighthouse, Microsoft.Security) and Resource Graph on loopback HTTPS.

            Usage: dotnet run --project src/CrossTenantSecurity.Emulator -- [options]

              --scenario SCENARIO   the estate to serve (default: sample). One of:
                                      sample                  the bundled sample estate (one MSSP, three customers)
                                      S1 | S2 | S3 | S4       generated presets: 50 / 1,000 / 5,000 / 12,000 subscriptions
                                      S2:seed=7               a preset with another seed
                                      generated:tenants=5,subscriptions=40,assessments=50[,seed=3]
                                      PATH                    a scenario JSON file (shape of Scenarios/sample-estate.json)
              --port N              loopback port (default 8443; 0 picks a free one)
              --cert-dir DIR        where to write a throw-away CA (emulator-ca.pem); removed at stop
              --ca-dir DIR          reuse the CA kept in DIR (made there when absent) and keep it at stop
              --ready-file FILE     write a JSON file with the URL, CA path and sample sign-in once listening
              --log                 print every request
              --profile NAME        transient faults: calm (default), realistic, stormy, torture
              --seed N              seed for every latency, throttle and fault decision (default 1)
              --time-scale X        multiply latencies, Retry-After, refills and quota windows (e.g. 0.05)
              --latency             Azure-like log-normal latency per endpoint class
              --no-throttling       no ARM token buckets and no Resource Graph quota
              --rp-tight            provider-layer limit: 400 requests / 5 min per (subscription, action)
              --body-fault KIND[:RATE][@SCOPE]
                                    answer chosen reads (repeatable; the first matching rule wins) with a malformed 200
                                    instead of the real one. Only a real 200 is replaced; never the token endpoint.
                                    KIND   TruncatedJson  the JSON cut in half (Content-Length matches)
                                           HtmlPage       a proxy's text/html page
                                           WrongTypes     every field under properties (and nextLink) of a wrong JSON type
                                           EmptyObject    {}
                                           NullValue      {"value":null}; null for a single document
                                           ObjectValue    {"value":{first item}}
                                           EmptyBody      zero bytes
                                           ResetMidBody   half of the body, then the connection closes
                                           Hang           no answer until the client gives up
                                    RATE   a fraction (0.05) or percentage (5%) of the reads in scope, from --seed
                                           (default: all of them); a read that is hit stays hit
                                    SCOPE  SUBSCRIPTION          its Microsoft.Security reads
                                           ENDPOINT              that endpoint in every subscription
                                           SUBSCRIPTION/ENDPOINT both
                                           (none)                every Microsoft.Security read
                                    ENDPOINT  SecureScores, SecureScoreControls, Assessments, AssessmentMetadata, Alerts,
                                           Pricings, Compliance, Jit, SecurityContacts, OtherSecurity, or an ARM resource
                                           type (assessments, regulatoryComplianceStandards, ...); Subscriptions, Tenants
                                           and ResourceGraph are hit only when named
                                    e.g. --body-fault NullValue@2b222222-0000-4000-8000-000000000001/assessments
                                         --body-fault WrongTypes:0.02 --body-fault HtmlPage@Subscriptions
              -h, --help            this text

            Stops cleanly on Ctrl+C or SIGTERM (exit code 0, throw-away certificate files removed).
            """;

        /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message fit for the user.</summary>
        public static EmulatorCommandLine Parse(string[] args)
        {
            var line = new EmulatorCommandLine();
            BehaviourOptions behaviour = line.Options.Behaviour;
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--scenario": line.Scenario = Next(); break;
                    case "--port": line.Options.Port = ParseInt(args[i], Next()); break;
                    case "--cert-dir": line.Options.CertificateDirectory = Next(); break;
                    case "--ca-dir": line.Options.AuthorityDirectory = Path.GetFullPath(Next()); break;
                    case "--ready-file": line.ReadyFile = Path.GetFullPath(Next()); break;
                    case "--log": line.Options.LogRequests = true; break;
                    case "--profile": behaviour.FaultProfile = FaultProfiles.Parse(Next()); break;
                    case "--seed": behaviour.Seed = ParseInt(args[i], Next()); break;
                    case "--time-scale": behaviour.TimeScale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--latency": behaviour.Latency = true; break;
                    case "--no-throttling": behaviour.ArmThrottling = false; behaviour.ResourceGraphQuota = false; break;
                    case "--rp-tight": behaviour.ProviderThrottling = true; break;
                    case "--body-fault": behaviour.BodyFaults.Add(BodyFaultRule.Parse(Next())); break;
                    case "-h" or "--help": line.ShowHelp = true; break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'. Use --help.");
                }
            }
            return line;
        }

        private static int ParseInt(string name, string value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"{name} needs a whole number, not '{value}'.");
    }
}
