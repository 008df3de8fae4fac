/**
 * RPC and feed URLs can carry an API key (in the path, the query or as user:password@): `redactUrl`
 * gives a URL fit for a log line or an error, `redactUrls` does it to every URL inside a text.
 */

const HIDDEN = '***'

/** scheme://, user info, host[:port], then path, query and fragment, each optional. */
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*@)?([^/?#\s]*)([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i

/** A URL anywhere in a text (an error message, a log line). */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>]+/gi

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A path segment that looks like a key rather than a route: a UUID, a long run mixing letters and
 * digits, or any long token. Routes (`ws`, `public-ws`, `v3`, `polkadot-asset-hub`) stay readable.
 */
function isKeyLike(segment: string): boolean {
    if (UUID.test(segment)) return true
    if (segment.length >= 12 && /\d/.test(segment) && /[a-z]/i.test(segment) && /^[\w.~%+=-]+$/.test(segment)) return true
    return segment.length >= 24 && /^[\w.~%+=-]+$/.test(segment) && !/^[a-z]+(-[a-z]+)*$/i.test(segment)
}

/** The URL with its password, key-like user and path segments, query values and fragment replaced by `***`. */
export function redactUrl(url: string): string {
    const m = URL_PARTS.exec(url)
    // Not a URL we can take apart (a typo in a config value): hide each key-like piece of it.
    if (!m) return url.replace(/[^/?#&=@:\s]+/g, t => (isKeyLike(t) ? HIDDEN : t))
    const [, scheme, userInfo, host, path, query, fragment] = m
    // A database URL's path names the database (describeDb prints it on purpose), not a key.
    const isDatabase = /^postgres(ql)?:/i.test(scheme)
    const redactedPath = isDatabase
        ? path
        : path
              .split('/')
              .map(s => (isKeyLike(s) ? HIDDEN : s))
              .join('/')
    const redactedQuery =
        query === undefined
            ? ''
            : '?' +
              query
                  .slice(1)
                  .split('&')
                  .map(p => {
                      const eq = p.indexOf('=')
                      return eq < 0 ? (isKeyLike(p) ? HIDDEN : p) : `${p.slice(0, eq)}=${HIDDEN}`
                  })
                  .join('&')
    return scheme + (userInfo ? redactUserInfo(userInfo) : '') + host + redactedPath + redactedQuery + (fragment ? `#${HIDDEN}` : '')
}

/** `user:password@`: the password goes, the user name stays unless it is itself a key (`https://<key>@host`). */
function redactUserInfo(userInfo: string): string {
    const [user, ...password] = userInfo.slice(0, -1).split(':')
    return (isKeyLike(user) ? HIDDEN : user) + (password.length ? `:${HIDDEN}` : '') + '@'
}

/** The text with every URL in it redacted. */
export function redactUrls(text: string): string {
    // Punctuation that closes a sentence or parenthesis is not part of the URL.
    return text.replace(URL_IN_TEXT, url => {
        const tail = /[).,;:!?\]}]+$/.exec(url)?.[0] ?? ''
        return redactUrl(url.slice(0, url.length - tail.length)) + tail
    })
}
