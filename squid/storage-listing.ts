/**
 * Batched storage reads at one block: a map's entries listed page by page with their values fetched by
 * concurrent `getMany` calls, and `getMany` over many keys in chunks, never one RPC per key.
 */

/** Keys per page of a storage listing: large enough to keep round trips few, small enough for one response. */
const PAGE_SIZE = 1000

/** Keys per `getMany` (one `state_queryStorageAt`): keeps each request and response within a node's RPC size limits. */
const MANY_CHUNK = 1000

/** Requests of one `getManyChunked` in flight at once: the node answers one while the next is on the wire. */
const MANY_CONCURRENCY = 4

/** Values of `keys`, in order, read `MANY_CHUNK` keys per call of `getMany`. */
export async function getManyChunked<K, V>(getMany: (keys: K[]) => Promise<V[]>, keys: K[]): Promise<V[]> {
    const chunks: K[][] = []
    for (let i = 0; i < keys.length; i += MANY_CHUNK) chunks.push(keys.slice(i, i + MANY_CHUNK))
    const results: V[][] = new Array(chunks.length)
    let next = 0
    const worker = async () => {
        while (next < chunks.length) {
            const i = next++
            results[i] = await getMany(chunks[i])
        }
    }
    await Promise.all(Array.from({length: Math.min(MANY_CONCURRENCY, chunks.length)}, worker))
    return results.flat()
}

/**
 * A map's entries: keys listed page by page (small answers), values with concurrent `getMany` calls, which
 * take most of the bytes; `getPairsPaged` would fetch each page's values in turn.
 */
export async function readPairs<K, V>(
    listKeys: (pageSize: number) => AsyncIterable<K[]>,
    getMany: (keys: K[]) => Promise<V[]>,
): Promise<[K, V][]> {
    const keys: K[] = []
    for await (const page of listKeys(PAGE_SIZE)) keys.push(...page)
    const values = await getManyChunked(getMany, keys)
    return keys.map((k, i) => [k, values[i]])
}
