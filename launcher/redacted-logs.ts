/**
 * Preloaded into every service (`node --require`), worker threads included (the era-snapshot thread's RPC
 * client tags its lines with the endpoint): every log line goes through the URL redaction.
 */
import {redactUrlsInLogs} from '../config/log-redaction'

redactUrlsInLogs()
