/**
 * Where a JSON text first breaks the grammar, as line and column, so an error can point at it without
 * quoting the text (V8's own message quotes it for some errors and gives no position).
 */

export interface TextPosition {
    /** 1-based. */
    line: number
    /** 1-based, in UTF-16 code units. */
    column: number
}

/** The position of the first syntax error, or null when the text is valid JSON. */
export function jsonSyntaxErrorAt(text: string): TextPosition | null {
    const end = new JsonScanner(text).firstErrorOffset()
    return end === null ? null : positionOf(text, end)
}

export function positionOf(text: string, offset: number): TextPosition {
    let line = 1
    let lineStart = 0
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text[i] === '\n') {
            line++
            lineStart = i + 1
        }
    }
    return {line, column: offset - lineStart + 1}
}

class SyntaxAt {
    constructor(readonly offset: number) {}
}

class JsonScanner {
    private i = 0

    constructor(private readonly s: string) {}

    firstErrorOffset(): number | null {
        try {
            this.value()
            this.space()
            if (this.i < this.s.length) throw new SyntaxAt(this.i)
            return null
        } catch (e) {
            if (e instanceof SyntaxAt) return e.offset
            throw e
        }
    }

    private space() {
        while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++
    }

    private expect(ch: string) {
        if (this.s[this.i] !== ch) throw new SyntaxAt(this.i)
        this.i++
    }

    private value(): void {
        this.space()
        const ch = this.s[this.i]
        if (ch === '{') return this.object()
        if (ch === '[') return this.array()
        if (ch === '"') return this.string()
        for (const word of ['true', 'false', 'null']) {
            if (this.s.startsWith(word, this.i)) {
                this.i += word.length
                return
            }
        }
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400))
        if (!m) throw new SyntaxAt(this.i)
        this.i += m[0].length
    }

    private object() {
        this.i++
        this.space()
        if (this.s[this.i] === '}') {
            this.i++
            return
        }
        for (;;) {
            this.space()
            this.string()
            this.space()
            this.expect(':')
            this.value()
            this.space()
            if (this.s[this.i] === ',') {
                this.i++
                continue
            }
            this.expect('}')
            return
        }
    }

    private array() {
        this.i++
        this.space()
        if (this.s[this.i] === ']') {
            this.i++
            return
        }
        for (;;) {
            this.value()
            this.space()
            if (this.s[this.i] === ',') {
                this.i++
                continue
            }
            this.expect(']')
            return
        }
    }

    private string() {
        this.expect('"')
        while (this.i < this.s.length) {
            const ch = this.s[this.i]
            if (ch === '"') {
                this.i++
                return
            }
            if (ch.charCodeAt(0) < 0x20) throw new SyntaxAt(this.i)
            if (ch === '\\') {
                const esc = this.s[this.i + 1]
                if (esc === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) throw new SyntaxAt(this.i)
                    this.i += 6
                    continue
                }
                if (esc === undefined || !'"\\/bfnrt'.includes(esc)) throw new SyntaxAt(this.i)
                this.i += 2
                continue
            }
            this.i++
        }
        throw new SyntaxAt(this.i)
    }
}
