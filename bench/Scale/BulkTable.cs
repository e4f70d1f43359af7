// Rows written in bulk into one table of the engine, its columns, value conversions and store types taken from the
// engine's EF model (what SaveChanges would write, without tracking millions of entities): PostgreSQL by binary COPY,
// SQLite by one prepared INSERT reused inside the seed's one transaction.
using System.Data.Common;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Approvals.Bench.Scale;

internal abstract class BulkTable<T> : IAsyncDisposable
    where T : class
{
    private readonly IProperty[] columns;
    private readonly Func<T, object?>[] values;

    protected BulkTable(IEntityType entity)
    {
        Table = entity.GetTableName()!;
        columns = [.. entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))];
        values = [.. columns.Select(StoreValue)];
    }

    public string Table { get; }

    public long Rows { get; private set; }

    protected IReadOnlyList<IProperty> Columns => columns;

    protected string ColumnList => string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""));

    public static BulkTable<T> Open(WorkflowDbContext model, DbConnection connection, SqliteTransaction? transaction)
    {
        var entity = model.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the engine's model.");
        return connection is NpgsqlConnection postgres
            ? new CopyTable(entity, postgres)
            : new InsertTable(entity, (SqliteConnection)connection, transaction!);
    }

    public void Write(T row)
    {
        WriteRow(row);
        Rows++;
    }

    public abstract ValueTask DisposeAsync();

    protected abstract void WriteRow(T row);

    /// <summary>A column's value as the store holds it: ids as Guid, enums as their names, instants in UTC.</summary>
    protected object? ValueOf(int column, T row) => values[column](row);

    private static Func<T, object?> StoreValue(IProperty column)
    {
        var getter = column.GetGetter();
        if (column.GetTypeMapping().Converter is not { } converter)
        {
            return row => getter.GetClrValueUsingContainingEntity(row);
        }

        var convert = converter.ConvertToProvider;
        return row => getter.GetClrValueUsingContainingEntity(row) is { } value ? convert(value) : null;
    }

    private sealed class CopyTable : BulkTable<T>
    {
        private readonly NpgsqlBinaryImporter importer;
        private readonly NpgsqlDbType[] types;

        public CopyTable(IEntityType entity, NpgsqlConnection connection)
            : base(entity)
        {
            types = [.. Columns.Select(c => TypeOf(c.GetColumnType()))];
            importer = connection.BeginBinaryImport($"COPY \"{Table}\" ({ColumnList}) FROM STDIN (FORMAT BINARY)");
        }

        public override async ValueTask DisposeAsync()
        {
            await importer.CompleteAsync();
            await importer.DisposeAsync();
        }

        protected override void WriteRow(T row)
        {
            importer.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                if (ValueOf(i, row) is { } value)
                {
                    importer.Write(value, types[i]);
                }
                else
                {
                    importer.WriteNull();
                }
            }
        }

        private static NpgsqlDbType TypeOf(string storeType) => storeType switch
        {
            "uuid" => NpgsqlDbType.Uuid,
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "boolean" => NpgsqlDbType.Boolean,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            "date" => NpgsqlDbType.Date,
            _ when storeType == "text" || storeType.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Text,
            _ => throw new InvalidOperationException($"No COPY type for the store type \"{storeType}\"."),
        };
    }

    private sealed class InsertTable : BulkTable<T>
    {
        private readonly SqliteCommand command;

        public InsertTable(IEntityType entity, SqliteConnection connection, SqliteTransaction transaction)
            : base(entity)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{Table}\" ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})";
            for (var i = 0; i < Columns.Count; i++)
            {
                // The EF mapping sets the parameter's SQLite type once (ids as TEXT, the way EF stores them).
                command.Parameters.Add(Columns[i].GetRelationalTypeMapping().CreateParameter(command, $"@p{i}", null, nullable: true));
            }

            command.Prepare();
        }

        public override ValueTask DisposeAsync() => command.DisposeAsync();

        protected override void WriteRow(T row)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                command.Parameters[i].Value = ValueOf(i, row) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }
}
