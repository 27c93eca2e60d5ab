using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Vidsnap.IntegrationTests.Cli;

/// <summary>
/// Counts the part PUTs the embedded store receives (signed /storage/ URLs with part=) and, while holding, lets
/// only the first few through: the rest wait, so a test can stop the client at a known point. A part held when
/// the hold is lifted is refused rather than stored, since its client is gone.
/// </summary>
internal sealed class PartGate : IStartupFilter
{
    private TaskCompletionSource lifted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int started;
    private int stored;
    private int held;

    /// <summary>Parts let through while holding; the others wait.</summary>
    public int LetThrough { get; set; } = 2;

    public bool Holding { get; private set; }

    public int Started => Volatile.Read(ref started);

    public int Stored => Volatile.Read(ref stored);

    public int Held => Volatile.Read(ref held);

    public void Hold()
    {
        Reset();
        Holding = true;
    }

    /// <summary>Stops holding and counts afresh.</summary>
    public void Lift()
    {
        Holding = false;
        lifted.TrySetResult();
        Reset();
    }

    private void Reset()
    {
        if (lifted.Task.IsCompleted)
        {
            lifted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Interlocked.Exchange(ref started, 0);
        Interlocked.Exchange(ref stored, 0);
        Interlocked.Exchange(ref held, 0);
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsPut(request.Method) || !request.Path.StartsWithSegments("/storage") || !request.Query.ContainsKey("part"))
            {
                await proceed(context);
                return;
            }

            var holding = Holding;
            var waitFor = lifted.Task;
            if (Interlocked.Increment(ref started) > LetThrough && holding)
            {
                Interlocked.Increment(ref held);
                try
                {
                    await waitFor.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await proceed(context);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                Interlocked.Increment(ref stored);
            }
        });
        next(app);
    };
}
