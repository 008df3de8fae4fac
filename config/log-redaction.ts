/**
 * Routes every log record of this thread through `redactUrls`, so a URL with an API key is redacted
 * in every line, whoever logs it: our code, the Subsquid SDK, its RPC client (which tags its lines
 * with the endpoint) or an error that quotes the URL.
 */
import {setRootSink, type LogRecord, type Sink} from '@subsquid/logger'
import {jsonLinesStderrSink} from '@subsquid/logger/lib/sinks/json'
import {prettyStderrSink} from '@subsquid/logger/lib/sinks/pretty'
import {redactUrls} from './redact-url'

let installed = false

/** Idempotent; call it before anything logs. */
export function redactUrlsInLogs(): void {
    if (installed) return
    installed = true
    // The logger picks its sink this way too; it keeps no handle on the one it picked.
    const pretty = process.env.FORCE_PRETTY_LOGGER ? process.env.FORCE_PRETTY_LOGGER !== '0' : process.stderr.isTTY
    setRootSink(redactingSink(pretty ? prettyStderrSink : jsonLinesStderrSink))
}

export function redactingSink(inner: Sink): Sink {
    return rec => inner(redactValue(rec, new WeakMap()) as LogRecord)
}

/** A copy of the value with every string redacted; errors stay errors (with their class) for the sink. */
export function redactValue(value: unknown, seen: WeakMap<object, unknown> = new WeakMap()): unknown {
    if (typeof value === 'string') return redactUrls(value)
    if (value === null || typeof value !== 'object') return value
    if (seen.has(value)) return seen.get(value)
    if (Array.isArray(value)) {
        const out: unknown[] = []
        seen.set(value, out)
        for (const v of value) out.push(redactValue(v, seen))
        return out
    }
    const proto = Object.getPrototypeOf(value)
    const isError = value instanceof Error
    if (!isError && proto !== Object.prototype && proto !== null) return value
    const out = Object.create(proto)
    seen.set(value, out)
    // An error's message and stack are own but not enumerable.
    const keys = isError ? [...new Set(['message', 'stack', ...Object.keys(value)])] : Object.keys(value)
    for (const k of keys) {
        const v = (value as Record<string, unknown>)[k]
        if (v !== undefined)
            Object.defineProperty(out, k, {
                value: redactValue(v, seen),
                enumerable: (k !== 'message' && k !== 'stack') || !isError,
                writable: true,
                configurable: true,
            })
    }
    if (isError && (value as Error).cause !== undefined) out.cause = redactValue((value as Error).cause, seen)
    return out
}

/** The error as it may be shown: its message, stack and fields with URLs redacted. */
export function redactError(e: unknown): unknown {
    return redactValue(e)
}
