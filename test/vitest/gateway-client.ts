/**
 * A client of a running REST gateway for tests: GETs a path, keeps every body it received (for leak checks),
 * and checks a response against the schema the gateway's own OpenAPI document gives that route and status.
 */
import Ajv from 'ajv'
import {expect} from 'vitest'

export interface GatewayResponse {
    status: number
    headers: Headers
    text: string
    body: any
}

export class GatewayClient {
    /** Every body received, in order. */
    readonly bodies: string[] = []
    private doc: any
    private readonly ajv = new Ajv({strict: false, allErrors: true})

    constructor(readonly base: string) {}

    /** The OpenAPI document the gateway serves (fetched once). */
    async document(): Promise<any> {
        this.doc ??= (await this.get('/openapi.json')).body
        return this.doc
    }

    async get(path: string, headers: Record<string, string> = {}): Promise<GatewayResponse> {
        const res = await fetch(this.base + path, {headers})
        const text = await res.text()
        this.bodies.push(text)
        const type = res.headers.get('content-type') ?? ''
        return {status: res.status, headers: res.headers, text, body: type.startsWith('application/json') ? JSON.parse(text) : undefined}
    }

    /** GETs `path`, expects `status` and checks the body against the document's schema of `template` (e.g. `/candidate/{stash}`). */
    async getValid(template: string, path: string, status = 200): Promise<GatewayResponse> {
        const doc = await this.document()
        const r = await this.get(path)
        expect(r.status, `${path}: ${r.text.slice(0, 500)}`).toBe(status)
        expect(r.headers.get('content-type'), path).toMatch(/^application\/json/)
        const op = doc.paths[template]?.get
        expect(op, `${template} in the OpenAPI document`).toBeDefined()
        const schema = op.responses[status]?.content?.['application/json']?.schema
        expect(schema, `${template} ${status} schema`).toBeDefined()
        const validate = this.ajv.compile({...schema, components: doc.components})
        expect(validate(r.body), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true)
        return r
    }
}
