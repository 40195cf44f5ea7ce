using System.Linq;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>What a kind's required fields accept: every official example, and the quirks the API is known for; and what they say about a misfit.</summary>
    public class RequiredFieldsTests
    {
        private static JsonElement[] Items(string example) =>
            JsonDocument.Parse(TestSupport.Example(example)["value"]!.ToJsonString()).RootElement.EnumerateArray().ToArray();

        private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

        [Fact]
        public void Every_official_example_fits_its_kind()
        {
            Assert.All(Items("Microsoft.Security/SecureScores_List.json"), item => Assert.Null(PostureKinds.SecureScore.Required.ProblemWith(item)));
            Assert.All(Items("Microsoft.Security/Assessments_List.json"), item => Assert.Null(PostureKinds.Recommendations.Required.ProblemWith(item)));
            Assert.All(Items("Microsoft.Security/Alerts_List.json"), item => Assert.Null(PostureKinds.Alerts.Required.ProblemWith(item)));
        }

        [Theory]
        [InlineData("{\"name\":\"k\",\"properties\":{\"status\":{\"code\":\"Quarantined\"}}}")] // an enum value the module does not know yet
        [InlineData("{\"Name\":\"k\",\"Properties\":{\"Status\":{\"Code\":\"Healthy\"}}}")] // the services are not consistent about casing
        [InlineData("{\"name\":\"k\",\"properties\":{\"status\":{\"code\":\"Healthy\",\"cause\":\"x\"},\"risk\":{\"level\":\"High\"}},\"extra\":[1]}")]
        public void Unknown_values_other_casing_and_extra_fields_fit(string assessment) =>
            Assert.Null(PostureKinds.Recommendations.Required.ProblemWith(Parse(assessment)));

        [Fact]
        public void A_number_written_as_a_numeric_string_fits_as_the_reader_reads_it()
        {
            var required = new RequiredFields { { "properties.score.current", FieldType.Number } };
            Assert.Null(required.ProblemWith(Parse("{\"properties\":{\"score\":{\"current\":\"23.5\"}}}")));
            Assert.Equal("properties.score.current is a string, not a number", required.ProblemWith(Parse("{\"properties\":{\"score\":{\"current\":\"abc\"}}}")));
        }

        [Theory]
        [InlineData("[]", "the resource is an array, not an object")]
        [InlineData("{\"properties\":\"x\"}", "properties is a string, not an object")]
        [InlineData("{\"properties\":{\"score\":null}}", "properties.score is null, not an object")]
        [InlineData("{\"properties\":{\"score\":{}}}", "properties.score.current is missing")]
        [InlineData("{\"properties\":{\"score\":{\"current\":true}}}", "properties.score.current is a boolean, not a number")]
        public void A_misfit_names_the_first_field_that_is_wrong_and_how(string json, string problem) =>
            Assert.Equal(problem, new RequiredFields { { "properties.score.current", FieldType.Number } }.ProblemWith(Parse(json)));
    }
}
