/**
 * Parses the JSON of a user's file with an error that says where it breaks (line and column) and
 * never what is there: V8's own messages quote the text, and a config path that names a seed file
 * would put part of the seed on the terminal.
 */

export class JsonSyntaxError extends Error {
    override name = 'JsonSyntaxError'
    constructor(
        readonly reason: string,
        readonly line?: number,
        readonly column?: number,
    ) {
        super(`not valid JSON: ${reason}${line === undefined ? '' : ` at line ${line}, column ${column}`}`)
    }
}

export function parseJson(text: string): unknown {
    try {
        return JSON.parse(text)
    } catch {
        const at = jsonSyntaxErrorAt(text)
        if (!at) throw new JsonSyntaxError('rejected by the parser')
        const before = text.slice(0, at.offset)
        const line = before.split('\n').length
        throw new JsonSyntaxError(at.reason, line, at.offset - before.lastIndexOf('\n'))
    }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y

/** Where the first syntax error of `text` is and what kind it is (naming no content), or null when there is none. */
export function jsonSyntaxErrorAt(text: string): {offset: number; reason: string} | null {
    let i = 0
    class Stop {
        constructor(readonly reason: string) {}
    }
    const fail = (reason: string): never => {
        throw new Stop(i >= text.length ? 'unexpected end of the file' : reason)
    }
    const ws = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i])) i++
    }
    const string = () => {
        i++
        while (i < text.length) {
            const c = text[i]
            if (c === '"') return void i++
            if (c === '\\') {
                ESCAPE.lastIndex = i
                if (!ESCAPE.test(text)) fail('invalid escape in a string')
                i = ESCAPE.lastIndex
            } else if (c < ' ') {
                fail('control character (such as a line break) in a string')
            } else {
                i++
            }
        }
        fail('unterminated string')
    }
    const value = (): void => {
        ws()
        const c = text[i]
        if (c === '{' || c === '[') {
            const close = c === '{' ? '}' : ']'
            i++
            ws()
            if (text[i] === close) return void i++
            for (;;) {
                if (c === '{') {
                    ws()
                    if (text[i] !== '"') fail('expected a double-quoted property name')
                    string()
                    ws()
                    if (text[i] !== ':') fail("expected ':' after a property name")
                    i++
                }
                value()
                ws()
                if (text[i] === ',') i++
                else if (text[i] === close) return void i++
                else fail(`expected ',' or '${close}'`)
            }
        }
        if (c === '"') return string()
        if (c === '-' || (c >= '0' && c <= '9')) {
            NUMBER.lastIndex = i
            if (!NUMBER.test(text)) fail('invalid number')
            i = NUMBER.lastIndex
            return
        }
        for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, i)) return void (i += literal.length)
        fail('unexpected character')
    }
    try {
        value()
        ws()
        if (i < text.length) fail('unexpected character after the JSON value')
        return null
    } catch (e) {
        if (e instanceof Stop) return {offset: i, reason: e.reason}
        throw e
    }
}
