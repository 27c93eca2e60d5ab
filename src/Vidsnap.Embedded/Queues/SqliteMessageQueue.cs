using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Vidsnap.Embedded.Data;
using Vidsnap.Platform.Messaging;
using Vidsnap.Platform.Telemetry;

namespace Vidsnap.Embedded.Queues;

/// <summary>
/// Durable queues in the SQLite database. Leasing is one UPDATE ... RETURNING, so two receivers can never
/// lease the same message; a process that dies leaves its lease to expire and the message comes back.
/// </summary>
public sealed class SqliteMessageQueue(
    SqliteConnectionFactory connections,
    QueueSignal signal,
    IOptions<QueueOptions> options,
    TimeProvider time) : IMessageQueue
{
    public async Task SendAsync(string queue, string body, CancellationToken cancellationToken)
    {
        var now = Now();
        using var activity = MessageTracing.StartSend(queue);
        await ExecuteAsync(
            "INSERT INTO QueueMessages (Queue, Body, VisibleAtMs, ReceiveCount, EnqueuedAtMs, TraceParent) VALUES ($queue, $body, $now, 0, $now, $traceparent)",
            cancellationToken, ("$queue", queue), ("$body", body), ("$now", now), ("$traceparent", (object?)MessageTracing.CurrentTraceParent() ?? DBNull.Value));
        signal.Notify(queue);
    }

    public async Task<ReceivedMessage?> ReceiveAsync(string queue, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        var poll = TimeSpan.FromMilliseconds(options.Value.EmbeddedPollMilliseconds);
        while (true)
        {
            var message = await TryLeaseAsync(queue, visibilityTimeout, cancellationToken);
            var remaining = deadline - time.GetUtcNow();
            if (message is not null || remaining <= TimeSpan.Zero)
            {
                return message;
            }

            await signal.WaitAsync(queue, remaining < poll ? remaining : poll, cancellationToken);
        }
    }

    public Task ExtendAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        SetVisibleAtAsync(message, Now() + (long)visibilityTimeout.TotalMilliseconds, cancellationToken);

    public async Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, lease) = ParseReceipt(message.ReceiptHandle);
        await ExecuteAsync("DELETE FROM QueueMessages WHERE Id = $id AND LeaseId = $lease", cancellationToken, ("$id", id), ("$lease", lease));
    }

    public async Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await SetVisibleAtAsync(message, Now() + (long)delay.TotalMilliseconds, cancellationToken);
        if (delay <= TimeSpan.Zero)
        {
            signal.Notify(message.Queue);
        }
    }

    public async Task CheckReachableAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync("SELECT 1", cancellationToken);

    /// <summary>Messages in the dead-letter table for a queue.</summary>
    public async Task<int> CountDeadLettersAsync(string queue, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT COUNT(*) FROM DeadLetters WHERE Queue = $queue", ("$queue", queue));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<ReceivedMessage?> TryLeaseAsync(string queue, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await MoveExhaustedToDeadLettersAsync(connection, queue, now, cancellationToken);

        var lease = Guid.NewGuid().ToString("N");
        await using var command = Command(connection,
            """
            UPDATE QueueMessages SET VisibleAtMs = $until, ReceiveCount = ReceiveCount + 1, LeaseId = $lease
            WHERE Id = (SELECT Id FROM QueueMessages WHERE Queue = $queue AND VisibleAtMs <= $now ORDER BY Id LIMIT 1)
            RETURNING Id, Body, ReceiveCount, TraceParent, EnqueuedAtMs
            """,
            ("$until", now + (long)visibilityTimeout.TotalMilliseconds), ("$lease", lease), ("$queue", queue), ("$now", now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ReceivedMessage(queue, $"{reader.GetInt64(0)}:{lease}", reader.GetString(1), reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
    }

    /// <summary>As SQS's redrive policy: a message received MaxReceiveCount times goes to the dead letters, not out again.</summary>
    private async Task MoveExhaustedToDeadLettersAsync(SqliteConnection connection, string queue, long now, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new (string, object)[] { ("$queue", queue), ("$now", now), ("$max", options.Value.MaxReceiveCount) };
        const string exhausted = "Queue = $queue AND VisibleAtMs <= $now AND ReceiveCount >= $max";
        await using (var insert = Command(connection,
            $"INSERT INTO DeadLetters (Queue, Body, ReceiveCount, EnqueuedAtMs, DeadAtMs) SELECT Queue, Body, ReceiveCount, EnqueuedAtMs, $now FROM QueueMessages WHERE {exhausted}",
            parameters))
        {
            insert.Transaction = transaction;
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return;
            }
        }

        await using (var delete = Command(connection, $"DELETE FROM QueueMessages WHERE {exhausted}", parameters))
        {
            delete.Transaction = transaction;
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SetVisibleAtAsync(ReceivedMessage message, long visibleAtMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, lease) = ParseReceipt(message.ReceiptHandle);
        await ExecuteAsync("UPDATE QueueMessages SET VisibleAtMs = $at WHERE Id = $id AND LeaseId = $lease",
            cancellationToken, ("$at", visibleAtMs), ("$id", id), ("$lease", lease));
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is constant; values travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static (long Id, string Lease) ParseReceipt(string receipt)
    {
        var parts = receipt.Split(':', 2);
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
