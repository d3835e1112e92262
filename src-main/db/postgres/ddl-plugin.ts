import {
  type AlterColumnNode,
  ColumnDefinitionNode,
  GeneratedNode,
  OperationNodeTransformer,
  sql,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * Lets the migrations written for SQLite create the same schema on PostgreSQL:
 * - `.autoIncrement()` becomes an identity column (kysely would write MySQL's
 *   `auto_increment`, which PostgreSQL refuses);
 * - every `text` column gets `collate "C"`, so ordering is byte-wise and
 *   `lower()` folds ASCII only, exactly as SQLite's defaults do. The database's
 *   own collation (often en_US) would sort and match differently per server.
 *   A later step that changes a column to `text` gets it too.
 */
export class PostgresDdlPlugin implements KyselyPlugin {
  private readonly transformer = new DdlTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const TEXT_COLLATE_C = sql.raw('text collate "C"').toOperationNode();

function isTextType(node: OperationNode | undefined): boolean {
  return (
    node !== undefined &&
    node.kind === 'DataTypeNode' &&
    (node as { dataType?: string }).dataType === 'text'
  );
}

class DdlTransformer extends OperationNodeTransformer {
  /** `alterColumn(c, (col) => col.setDataType('text'))` in a later step: byte order there too. */
  protected override transformAlterColumn(
    node: AlterColumnNode,
    queryId?: Parameters<OperationNodeTransformer['transformNode']>[1],
  ): AlterColumnNode {
    const column = super.transformAlterColumn(node, queryId);
    if (!isTextType(column.dataType)) return column;
    return { ...column, dataType: TEXT_COLLATE_C };
  }

  protected override transformColumnDefinition(
    node: ColumnDefinitionNode,
    queryId?: Parameters<OperationNodeTransformer['transformNode']>[1],
  ): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node, queryId);
    const isText = isTextType(column.dataType);
    return ColumnDefinitionNode.cloneWith(column, {
      ...(isText ? { dataType: TEXT_COLLATE_C } : {}),
      ...(column.autoIncrement
        ? {
            autoIncrement: undefined,
            generated: GeneratedNode.create({ identity: true, byDefault: true }),
          }
        : {}),
    });
  }
}
