/**
 * Paging arguments of a query document, checked before it runs: the generated list queries pass `limit`
 * and `offset` straight into SQL, where a negative value is a database error, not a bad argument.
 */
import {GraphQLError, Kind, visit, type DocumentNode} from 'graphql'

/** Arguments that count rows: `limit`/`offset` of the generated lists, `first` of their connections. */
const PAGING_ARGUMENTS = new Set(['limit', 'offset', 'first'])

/** One BAD_USER_INPUT error per negative paging argument, given inline or through a variable. */
export function negativePagingArguments(document: DocumentNode, variables: Record<string, unknown> = {}): GraphQLError[] {
    const errors: GraphQLError[] = []
    visit(document, {
        Argument(node) {
            if (!PAGING_ARGUMENTS.has(node.name.value)) return
            const value =
                node.value.kind === Kind.INT
                    ? Number(node.value.value)
                    : node.value.kind === Kind.VARIABLE
                      ? variables[node.value.name.value]
                      : undefined
            if (typeof value === 'number' && value < 0) {
                errors.push(
                    new GraphQLError(
                        `${node.name.value}: must not be negative, got ${value}`,
                        node,
                        undefined,
                        undefined,
                        undefined,
                        undefined,
                        {code: 'BAD_USER_INPUT'},
                    ),
                )
            }
        },
    })
    return errors
}
