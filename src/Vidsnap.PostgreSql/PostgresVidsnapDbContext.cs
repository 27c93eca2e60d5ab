using Microsoft.EntityFrameworkCore;
using Vidsnap.Platform.Data;

namespace Vidsnap.PostgreSql;

/// <summary>The one database on PostgreSQL; its queues are SQS, so it has none of the embedded queue's tables.</summary>
public sealed class PostgresVidsnapDbContext(DbContextOptions<PostgresVidsnapDbContext> options) : VidsnapDbContext(options);
