/**
 * The message people read for an event: one plain-text sentence (Matrix `body`, webhook `text`) and
 * the same in HTML (Matrix `formatted_body`). Free text from elsewhere (errors, queries) has its URLs
 * redacted: an RPC URL in an error can carry an API key.
 */
import {redactUrls} from '../config/redact-url'
import type {AccountTargets, CandidateRef, NotifyEvent} from './events'

export interface RenderedMessage {
    text: string
    html: string
}

/** Longest quoted free text (an error, a statement) in a message. */
const MAX_QUOTE_CHARS = 300
/** Most candidates listed in one message; the rest are counted (the scorer's API has them all). */
const MAX_LISTED = 30

/** @param network the config's network, prefixed to every message so one room can serve several backends */
export function renderEvent(network: string, event: NotifyEvent): RenderedMessage {
    const {title, lines} = describe(event)
    const prefix = `[${network}] `
    return {
        text: prefix + title + lines.map(l => '\n- ' + l.text).join(''),
        html:
            `<b>${escapeHtml(prefix + title)}</b>` + (lines.length ? '<ul>' + lines.map(l => `<li>${l.html}</li>`).join('') + '</ul>' : ''),
    }
}

interface Line {
    text: string
    html: string
}

function plain(text: string): Line {
    return {text, html: escapeHtml(text)}
}

function describe(e: NotifyEvent): {title: string; lines: Line[]} {
    switch (e.kind) {
        case 'roundDecided':
            return {
                title: `Round for era ${e.era} decided${e.dryRun ? ' (dry run: nothing submitted)' : ''}: ${count(e.accounts.length, 'account')}`,
                lines: [...e.accounts.map(accountLine), plain(`input hash ${e.inputHash}`)],
            }
        case 'roundLanded':
            return {
                title: `Round for era ${e.era} landed in block ${e.blockNumber}: ${count(e.accounts.length, 'account')}`,
                lines: [...e.accounts.map(accountLine), plain(`input hash ${e.inputHash}`)],
            }
        case 'candidateInvalid':
            return {
                title: `${candidateName(e.candidate)} turned invalid`,
                lines: e.checks.map(c => plain(`${c.check}: ${quote(c.sentence)}`)),
            }
        case 'candidateValid':
            return {title: `${candidateName(e.candidate)} turned valid`, lines: []}
        case 'validityChanges':
            return {
                title: `${count(e.turnedInvalid.length, 'candidate')} turned invalid, ${e.turnedValid.length} turned valid`,
                lines: atMost(MAX_LISTED, [
                    ...e.turnedInvalid.map(c =>
                        plain(
                            `invalid: ${candidateName(c.candidate)}: ${c.checks.map(k => `${k.check}: ${quote(k.sentence)}`).join('; ')}`,
                        ),
                    ),
                    ...e.turnedValid.map(c => plain(`valid: ${candidateName(c)}`)),
                ]),
            }
        case 'announcementExecuted':
            return {
                title: `Announcement ${e.callHash} of ${e.account} executed ${e.blockNumber === undefined ? 'by another transaction' : `in block ${e.blockNumber}`}`,
                lines: [],
            }
        case 'announcementCancelled':
            return {title: `Announcement ${e.callHash} of ${e.account} cancelled: ${quote(e.reason)}`, lines: []}
        case 'nominatorFailed':
            return {
                title: `Nominator${e.account === undefined ? '' : ` ${e.account}`} failed${e.era === undefined ? '' : ` in the round for era ${e.era}`}: ${quote(e.error)}`,
                lines: [],
            }
        case 'squidStalled':
            return {
                title: `The ${e.chain} processor stalled at block ${e.indexedHeight} (finalized head ${e.finalizedHeight}) for ${Math.round(e.waitedMs / 1000)} s and is restarting`,
                lines: e.blockingQuery ? [plain(`waiting for: ${quote(e.blockingQuery)}`)] : [],
            }
    }
}

function accountLine(a: AccountTargets): Line {
    const head = `${a.account} (${a.address}): ${count(a.targets.length, 'target')}`
    const names = a.targets.map(candidateName)
    return {
        text: names.length ? `${head}: ${names.join(', ')}` : head,
        html: escapeHtml(head) + (names.length ? ': ' + names.map(n => `<code>${escapeHtml(n)}</code>`).join(', ') : ''),
    }
}

function atMost(n: number, lines: Line[]): Line[] {
    return lines.length > n ? [...lines.slice(0, n), plain(`and ${lines.length - n} more`)] : lines
}

function candidateName(c: CandidateRef): string {
    return c.name ? `${c.name} (${c.stash})` : c.stash
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function quote(text: string): string {
    const t = redactUrls(text.replace(/\s+/g, ' ').trim())
    return t.length > MAX_QUOTE_CHARS ? t.slice(0, MAX_QUOTE_CHARS - 1) + '…' : t
}

export function escapeHtml(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
