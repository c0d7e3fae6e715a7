// @ts-check
// Everything the emulator remembers between requests, and the options that shape it.

const { DataStore } = require('./store');
const { TokenStore } = require('./auth');
const { Throttle, normaliseThrottleConfig } = require('./throttle');
const { FaultQueue, LateWrites } = require('./faults');
const { BULK_ORDERS, CHARGE_READINGS } = require('./constants');
const { ScaleSettings } = require('./scale');
const { Notifications } = require('./notifications');

/** @typedef {import('./types').ThrottleConfig} ThrottleConfig */
/** @typedef {import('./types').ChargeReading} ChargeReading */
/** @typedef {import('./types').RequestLogEntry} RequestLogEntry */

/**
 * @typedef {{
 *   host?: string,
 *   port?: number,
 *   seed?: number,
 *   orderCount?: number,
 *   returnCount?: number,
 *   clientId?: string,
 *   clientSecret?: string,
 *   tokenLifetimeSeconds?: number,
 *   now?: number,
 *   throttle?: Partial<ThrottleConfig>,
 *   chargeReading?: ChargeReading,
 *   orderCap?: number | null,
 *   latencyMs?: number,
 * } & import('./notifications').NotificationOptions} EmulatorOptions
 *
 * @typedef {{
 *   host: string,
 *   port: number,
 *   seed: number,
 *   orderCount: number,
 *   returnCount: number,
 *   clientId: string,
 *   clientSecret: string,
 *   tokenLifetimeSeconds: number,
 *   now: number,
 *   throttle: ThrottleConfig,
 *   chargeReading: ChargeReading,
 * }} ResolvedOptions
 *
 * @typedef {{
 *   seed?: number,
 *   orderCount?: number,
 *   returnCount?: number,
 *   now?: number,
 *   chargeReading?: ChargeReading,
 * }} ResetOverrides
 */

const MAX_ORDERS = 100000;
const MAX_LOG_ENTRIES = 50000;

/**
 * @param {unknown} value
 * @param {string} name
 * @param {number} min
 * @param {number} max
 */
function assertInteger(value, name, min, max) {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
	}
}

/** @param {number} seconds */
function assertLifetime(seconds) {
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new RangeError('tokenLifetimeSeconds must be a positive number of seconds');
	}
}

/**
 * @param {unknown} value
 * @returns {ChargeReading}
 */
function assertChargeReading(value) {
	const reading = CHARGE_READINGS.find((candidate) => candidate === value);
	if (reading === undefined) {
		throw new RangeError(
			`chargeReading must be one of ${CHARGE_READINGS.map((name) => `'${name}'`).join(', ')} (got ${JSON.stringify(value)})`,
		);
	}
	return reading;
}

/**
 * @param {EmulatorOptions} options
 * @returns {ResolvedOptions}
 */
function resolveOptions(options) {
	const orderCount = options.orderCount ?? 200;
	assertInteger(orderCount, 'orderCount', 0, MAX_ORDERS);
	const returnCount = options.returnCount ?? Math.round(orderCount / 5);
	assertInteger(returnCount, 'returnCount', 0, MAX_ORDERS);
	const seed = options.seed ?? 42;
	assertInteger(seed, 'seed', 0, 0xffffffff);
	const port = options.port ?? 0;
	assertInteger(port, 'port', 0, 65535);
	const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 900;
	assertLifetime(tokenLifetimeSeconds);
	const now = options.now ?? Date.now();
	if (!Number.isFinite(now)) throw new RangeError('now must be an epoch time in milliseconds');
	const clientId = options.clientId ?? 'emulator-client-id';
	const clientSecret = options.clientSecret ?? 'emulator-client-secret';
	if (clientId === '' || clientId.includes(':')) {
		throw new RangeError("clientId must be non-empty and must not contain ':'");
	}
	if (clientSecret === '') throw new RangeError('clientSecret must be non-empty');
	return {
		host: options.host ?? '127.0.0.1',
		port,
		seed,
		orderCount,
		returnCount,
		clientId,
		clientSecret,
		tokenLifetimeSeconds,
		now,
		throttle: normaliseThrottleConfig(options.throttle),
		chargeReading: assertChargeReading(options.chargeReading ?? 'perUnit'),
	};
}

class RequestLog {
	constructor() {
		/** @type {RequestLogEntry[]} */
		this.entries = [];
		this.nextSeq = 1;
	}

	/**
	 * @param {Omit<RequestLogEntry, 'seq' | 'status'>} fields
	 * @returns {RequestLogEntry}
	 */
	start(fields) {
		const entry = { seq: this.nextSeq++, ...fields, status: null };
		this.entries.push(entry);
		// A long demo run must not grow without bound.
		if (this.entries.length > MAX_LOG_ENTRIES)
			this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
		return entry;
	}

	// Truncates in place so arrays already handed to callers stay the live log. Sequence numbers
	// keep counting, so an entry seen before a clear is never confused with a later one.
	clear() {
		this.entries.length = 0;
	}

	restart() {
		this.clear();
		this.nextSeq = 1;
	}
}

class EmulatorState {
	/** @param {EmulatorOptions} options */
	constructor(options) {
		this.options = resolveOptions(options);
		this.scale = new ScaleSettings({ orderCap: options.orderCap, latencyMs: options.latencyMs });
		this.baseUrl = '';
		this.startedAt = performance.now();
		this.clockBase = this.options.now;
		this.store = new DataStore(this.options);
		this.tokens = new TokenStore(this.options.tokenLifetimeSeconds);
		this.throttle = new Throttle(this.options.throttle);
		this.faults = new FaultQueue();
		this.lateWrites = new LateWrites();
		this.log = new RequestLog();
		/** @type {ChargeReading} */
		this.chargeReading = this.options.chargeReading;
		this.notifications = new Notifications(options, () => this.clock());
	}

	/**
	 * The business clock: starts at `options.now` and advances in real time, so data seeded for a
	 * fixed date still has a consistent "now" for default windows and lastModified stamps. It runs
	 * on the monotonic clock, so a test may stand Date.now() on it (see live.js advanceClock).
	 */
	clock() {
		return Math.floor(this.clockBase + (performance.now() - this.startedAt));
	}

	/** @param {number} seconds */
	setTokenLifetime(seconds) {
		assertLifetime(seconds);
		this.tokens.lifetimeSeconds = seconds;
	}

	/**
	 * Changes the reading until the next reset, which goes back to the configured one.
	 * @param {unknown} reading
	 */
	setChargeReading(reading) {
		this.chargeReading = assertChargeReading(reading);
	}

	/** @param {ResetOverrides} [overrides] */
	reset(overrides = {}) {
		const orderCount = overrides.orderCount ?? this.options.orderCount;
		this.options = resolveOptions({
			...this.options,
			...overrides,
			returnCount:
				overrides.returnCount ??
				(overrides.orderCount === undefined ? this.options.returnCount : undefined),
			orderCount,
		});
		this.startedAt = performance.now();
		this.clockBase = this.options.now;
		this.store.load(this.options);
		this.tokens = new TokenStore(this.options.tokenLifetimeSeconds);
		this.throttle.configure(this.options.throttle);
		this.faults.clear();
		this.lateWrites.cancelAll();
		this.log.restart();
		this.chargeReading = this.options.chargeReading;
		this.scale.restore();
		this.notifications.reset();
	}

	info() {
		return {
			baseUrl: this.baseUrl,
			clientId: this.options.clientId,
			seed: this.options.seed,
			now: this.options.now,
			clock: this.clock(),
			orderCount: this.store.orders.length,
			returnCount: this.store.returns.length,
			tokenLifetimeSeconds: this.tokens.lifetimeSeconds,
			throttle: this.throttle.config,
			chargeReading: this.chargeReading,
			...this.scale.info(),
			bulkOrders: {
				created250: BULK_ORDERS.created250.purchaseOrderId,
				acknowledged150: BULK_ORDERS.acknowledged150.purchaseOrderId,
			},
			pendingFaults: this.faults.list(),
			pendingLateWrites: this.lateWrites.list(),
			notifications: this.notifications.info(),
		};
	}
}

module.exports = { EmulatorState };
