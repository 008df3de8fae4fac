/**
 * Preloaded into every service (`node --require`): the launcher holds the write end of the service's stdin,
 * and when the launcher dies without stopping its services (kill -9, out of memory) that pipe closes. The
 * service then stops as on the launcher's own SIGTERM, instead of living on and holding its ports.
 * Worker threads inherit the preload but not the pipe (their stdin ends at once): only the main thread watches.
 */
import {isMainThread} from 'worker_threads'

if (isMainThread) {
    process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'))
    process.stdin.resume()
}
