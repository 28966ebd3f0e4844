using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests.Screening;

public sealed class ScreenApiTests
{
    private static async Task<(int Status, string Body)> GetAsync(string query)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        await ScreenApi.Screen(context.Request).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Screen_ListedName_ReturnsTheMatchWithEntryProgrammeAndReasons()
    {
        var (status, body) = await GetAsync("?name=Banco%20Nacional%20de%20Cuba&country=CH");
        Assert.Equal(200, status);
        var json = JObject.Parse(body);
        Assert.Equal(6, json["editions"]!.Count());
        var first = json["matches"]![0]!;
        Assert.Equal("strong", (string?)first["verdict"]);
        Assert.Equal("SANC-002", (string?)first["rule"]);
        Assert.Equal("OFAC-SDN:306", (string?)first["entryId"]);
        Assert.Equal("CUBA", (string?)first["programme"]);
        Assert.Contains("exact full name and agreeing country", first["reasons"]!.Select(r => (string?)r));
    }

    [Fact]
    public async Task Screen_WithAnAddress_NamesTheSharedPlace_AndATooLongAddressIsABadRequest()
    {
        var (status, body) = await GetAsync("?name=Banco%20Nacional%20de%20Cuba&address=Zweierstrasse%2035%2C%208022%20Zurich");
        Assert.Equal(200, status);
        var first = JObject.Parse(body)["matches"]![0]!;
        Assert.Equal("OFAC-SDN:306", (string?)first["entryId"]);
        Assert.Contains(first["reasons"]!.Select(r => (string?)r), r => r!.StartsWith("address shares", StringComparison.Ordinal));

        var (tooLong, problem) = await GetAsync("?name=Acme&address=" + new string('x', ScreenApi.MaxNameLength + 1));
        Assert.Equal(400, tooLong);
        Assert.Contains("address", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_OrdinaryName_ReturnsNoMatches()
    {
        var (status, body) = await GetAsync("?name=Brightwater%20Joinery%20GmbH&country=DE&type=organisation");
        Assert.Equal(200, status);
        Assert.Empty(JObject.Parse(body)["matches"]!);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("?name=Acme&country=Germany", "country")]
    [InlineData("?name=Acme&type=vessel", "type")]
    [InlineData("?name=Acme&max=0", "max")]
    public async Task Screen_BadQuery_Is400NamingTheParameter(string query, string parameter)
    {
        var (status, body) = await GetAsync(query);
        Assert.Equal(400, status);
        Assert.NotNull(JObject.Parse(body)["errors"]![parameter]);
    }
}
