/**
 * Undo records for world mutations, so a failed dispatch (batchAll, a failing proxied call) leaves
 * the world as it was, as a runtime's storage transaction would.
 */
export class Journal {
    private undo: (() => void)[] = []

    /** Set `obj[field]`, remembering the old value. */
    assign<T extends object, K extends keyof T>(obj: T, field: K, value: T[K]): void {
        const old = obj[field]
        this.undo.push(() => {
            obj[field] = old
        })
        obj[field] = value
    }

    mapSet<K, V>(map: Map<K, V>, key: K, value: V | undefined): void {
        const had = map.has(key)
        const old = map.get(key)
        this.undo.push(() => {
            if (had) map.set(key, old as V)
            else map.delete(key)
        })
        if (value === undefined) map.delete(key)
        else map.set(key, value)
    }

    checkpoint(): number {
        return this.undo.length
    }

    rollback(to: number): void {
        while (this.undo.length > to) this.undo.pop()!()
    }
}
