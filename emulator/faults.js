// @ts-check
// Injected faults: each applies to the next `count` matching requests, in injection order.

const { isRecord } = require('./util');

/** @typedef {import('./types').Fault} Fault */
/** @typedef {import('./types').RequestLogEntry} RequestLogEntry */
/** @typedef {{ fault: Fault, remaining: number }} PendingFault */

const FAULT_TYPES = ['throttle', 'serverError', 'slow', 'drop', 'expireToken', 'late', 'malformed'];
// What a proxy or a maintenance page sends when Walmart's API is not behind it.
const MALFORMED_BODY = '<html><body><h1>Service Temporarily Unavailable</h1></body></html>';
const SERVER_ERROR_STATUSES = [500, 502, 503, 504];

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {number}
 */
function nonNegativeNumber(value, name) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new TypeError(`fault.${name} must be a non-negative number`);
	}
	return value;
}

/**
 * Validates a fault from a test or from POST /_emulator/faults.
 * @param {unknown} input
 * @returns {Fault}
 */
function parseFault(input) {
	if (!isRecord(input)) throw new TypeError('fault must be an object');
	const { type } = input;
	if (typeof type !== 'string' || !FAULT_TYPES.includes(type)) {
		throw new TypeError(`fault.type must be one of ${FAULT_TYPES.join(', ')}`);
	}
	const count = input.count ?? 1;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
		throw new TypeError('fault.count must be a positive integer');
	}
	if (input.method !== undefined && typeof input.method !== 'string') {
		throw new TypeError('fault.method must be a string');
	}
	if (
		input.pathPrefix !== undefined &&
		(typeof input.pathPrefix !== 'string' || !input.pathPrefix.startsWith('/'))
	) {
		throw new TypeError("fault.pathPrefix must be a path starting with '/'");
	}
	const match = {
		count,
		...(input.method === undefined ? {} : { method: input.method.toUpperCase() }),
		...(input.pathPrefix === undefined ? {} : { pathPrefix: input.pathPrefix }),
	};
	switch (type) {
		case 'throttle':
			return {
				type,
				...match,
				replenishInMs: nonNegativeNumber(input.replenishInMs ?? 1000, 'replenishInMs'),
			};
		case 'serverError': {
			const status = input.status ?? 500;
			if (status !== 500 && status !== 502 && status !== 503 && status !== 504) {
				throw new TypeError(`fault.status must be one of ${SERVER_ERROR_STATUSES.join(', ')}`);
			}
			if (input.bare !== undefined && typeof input.bare !== 'boolean') {
				throw new TypeError('fault.bare must be a boolean');
			}
			if (input.applied !== undefined && typeof input.applied !== 'boolean') {
				throw new TypeError('fault.applied must be a boolean');
			}
			return {
				type,
				...match,
				status,
				...(input.bare === undefined ? {} : { bare: input.bare }),
				...(input.applied === undefined ? {} : { applied: input.applied }),
			};
		}
		case 'late':
			return {
				type,
				...match,
				applyAfterMs: nonNegativeNumber(input.applyAfterMs, 'applyAfterMs'),
				...(input.holdMs === undefined
					? {}
					: { holdMs: nonNegativeNumber(input.holdMs, 'holdMs') }),
			};
		case 'slow':
			return { type, ...match, delayMs: nonNegativeNumber(input.delayMs, 'delayMs') };
		case 'malformed': {
			const body = input.body ?? MALFORMED_BODY;
			if (typeof body !== 'string') throw new TypeError('fault.body must be a string');
			const contentType = input.contentType ?? 'text/html';
			if (typeof contentType !== 'string') {
				throw new TypeError('fault.contentType must be a string');
			}
			return { type, ...match, body, contentType };
		}
		case 'drop': {
			const when = input.when ?? 'before';
			if (when !== 'before' && when !== 'after') {
				throw new TypeError("fault.when must be 'before' or 'after'");
			}
			return { type, ...match, when };
		}
		default:
			return { type: 'expireToken', ...match };
	}
}

class FaultQueue {
	constructor() {
		/** @type {PendingFault[]} */
		this.pending = [];
	}

	/**
	 * @param {unknown} input
	 * @returns {Fault} the validated fault
	 */
	inject(input) {
		const fault = parseFault(input);
		this.pending.push({ fault, remaining: fault.count ?? 1 });
		return fault;
	}

	/**
	 * Consumes one use of the first pending fault matching the request.
	 * @param {string} method
	 * @param {string} path
	 * @returns {Fault | undefined}
	 */
	take(method, path) {
		const index = this.pending.findIndex(({ fault }) => matches(fault, method, path));
		if (index < 0) return undefined;
		const entry = this.pending[index];
		entry.remaining -= 1;
		if (entry.remaining === 0) this.pending.splice(index, 1);
		return entry.fault;
	}

	/** @returns {PendingFault[]} */
	list() {
		return this.pending.map((entry) => ({ fault: { ...entry.fault }, remaining: entry.remaining }));
	}

	clear() {
		this.pending = [];
	}
}

/**
 * Faults target business calls: the token endpoint is hit only when a fault names it explicitly,
 * so a test that queues "throttle the next call" throttles the orders call, not the token fetch
 * the client happens to make first.
 * @param {Fault} fault
 * @param {string} method
 * @param {string} path
 */
function matches(fault, method, path) {
	if (fault.method !== undefined && fault.method !== method) return false;
	if (fault.pathPrefix !== undefined) return path.startsWith(fault.pathPrefix);
	return path !== '/v3/token';
}

/**
 * Writes a `late` fault accepted but has not applied yet. They are forgotten on reset and close,
 * so a write aimed at the old data never lands on the fresh data.
 */
class LateWrites {
	constructor() {
		/** @type {Map<NodeJS.Timeout, RequestLogEntry>} */
		this.pending = new Map();
	}

	/**
	 * @param {RequestLogEntry} entry carries `late.applyAt`
	 * @param {() => void} apply
	 */
	schedule(entry, apply) {
		const applyAt = entry.late?.applyAt ?? Date.now();
		const timer = setTimeout(
			() => {
				this.pending.delete(timer);
				apply();
			},
			Math.max(0, applyAt - Date.now()),
		);
		this.pending.set(timer, entry);
	}

	/** @returns {{ seq: number, method: string, path: string, applyAt: number }[]} */
	list() {
		return [...this.pending.values()].map((entry) => ({
			seq: entry.seq,
			method: entry.method,
			path: entry.path,
			applyAt: entry.late?.applyAt ?? entry.time,
		}));
	}

	cancelAll() {
		for (const [timer, entry] of this.pending) {
			clearTimeout(timer);
			if (entry.late) entry.late.state = 'cancelled';
		}
		this.pending.clear();
	}
}

module.exports = { FaultQueue, LateWrites, parseFault };
