/**
 * Picks the typegen'd version of an event or storage item that matches a runtime, for items whose
 * versions all decode to shapes one mapping understands; no match is an UnknownRuntimeShapeError.
 */
import {UnknownRuntimeShapeError} from './facts'

/** A typegen item: `{name, <version>: EventType|StorageType, …}`. */
export type Versioned<T> = {name?: string} & Record<string, T | string | undefined>

export interface RuntimeBlock {
    _runtime: unknown
    height: number
    specName: string
    specVersion: number
}

/**
 * The newest version whose `.is(x)` holds, or undefined when the runtime has no matching item. Newest
 * first, because a struct type also matches a runtime struct that has more fields.
 */
export function findVersion<T extends {is(x: never): boolean}>(item: Versioned<T> | undefined, x: Parameters<T['is']>[0]): T | undefined {
    for (const [key, v] of Object.entries(item ?? {}).reverse()) {
        if (key === 'name' || typeof v !== 'object' || v === null) continue
        if ((v as T).is(x as never)) return v as T
    }
    return undefined
}

/** The newest version whose `.is(x)` holds; none is an UnknownRuntimeShapeError. */
export function pickVersion<T extends {is(x: never): boolean}>(
    item: Versioned<T> | undefined,
    itemName: string,
    x: Parameters<T['is']>[0],
    block: RuntimeBlock,
): T {
    const found = findVersion(item, x)
    if (found) return found
    throw new UnknownRuntimeShapeError(itemName, block.height, `${block.specName}@${block.specVersion}`)
}
