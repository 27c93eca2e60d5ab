using System.Text.Json.Serialization;
using Vidsnap.Contracts;

// What ASP.NET Core answers with nothing of Vidsnap's around it: no authentication, no database, the same
// page of 20 videos (built once) serialized on every request with the same JSON settings as the api.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
var app = builder.Build();
var now = DateTimeOffset.UtcNow;
var items = Enumerable.Range(0, 20).Select(i => new VideoResource(
    Guid.NewGuid(), $"clip-{i}.mp4", "video/mp4", 1_000_000 + i, VideoStatus.Completed, 1, 100, 10, 123_456, null,
    now.AddMinutes(-i), now.AddMinutes(-i), now.AddDays(30), new ExtractionOptions(), null)).ToList();
var page = new { items, nextCursor = (string?)null };
app.MapGet("/api/videos", () => Results.Ok(page));
app.Run();
