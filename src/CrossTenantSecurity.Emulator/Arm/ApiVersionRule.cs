using System;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>The api-versions a resource type accepts; anything else is refused the way ARM refuses it.</summary>
    internal sealed class ApiVersionRule
    {
        private readonly string[] _supported;
        private readonly string _resourceType;

        public ApiVersionRule(string resourceType, params string[] supported)
        {
            _resourceType = resourceType;
            _supported = supported;
        }

        public static readonly ApiVersionRule Resources = new("subscriptions",
            "2014-04-01", "2015-11-01", "2016-06-01", "2018-06-01", "2019-06-01", "2019-11-01", "2020-01-01", "2021-01-01", "2022-01-01", "2022-12-01");

        /// <summary>Returns an error result, or null with the accepted version.</summary>
        public IResult? Check(HttpRequest request, out string version)
        {
            version = request.Query["api-version"].ToString();
            if (string.IsNullOrEmpty(version)) return ArmErrors.MissingApiVersion();
            string requested = version;
            if (!_supported.Any(v => string.Equals(v, requested, StringComparison.OrdinalIgnoreCase)))
                return ArmErrors.InvalidApiVersion(version, _resourceType, string.Join(", ", _supported));
            return null;
        }
    }
}
