// @ts-check
// Per-endpoint token buckets. Walmart allots request tokens per API and reports them in
// X-Current-Token-Count / X-Next-Replenishment-Time on every response.

/** @typedef {import('./types').BucketConfig} BucketConfig */
/** @typedef {import('./types').ThrottleConfig} ThrottleConfig */
/** @typedef {{ allowed: boolean, remaining: number, nextReplenishmentTime: number }} BucketState */

/** @type {ThrottleConfig} */
const GENEROUS = { capacity: 1000, refillPerSecond: 1000 };

/**
 * @param {unknown} value
 * @param {string} name
 */
function assertPositiveNumber(value, name) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new RangeError(`${name} must be a positive number`);
	}
}

/**
 * @param {Partial<ThrottleConfig> | undefined} config
 * @returns {ThrottleConfig}
 */
function normaliseThrottleConfig(config) {
	const merged = { ...GENEROUS, ...(config ?? {}) };
	assertPositiveNumber(merged.capacity, 'throttle.capacity');
	assertPositiveNumber(merged.refillPerSecond, 'throttle.refillPerSecond');
	for (const [endpoint, override] of Object.entries(merged.endpoints ?? {})) {
		if (override.capacity !== undefined) {
			assertPositiveNumber(override.capacity, `throttle.endpoints.${endpoint}.capacity`);
		}
		if (override.refillPerSecond !== undefined) {
			assertPositiveNumber(
				override.refillPerSecond,
				`throttle.endpoints.${endpoint}.refillPerSecond`,
			);
		}
	}
	return merged;
}

/**
 * Reads a throttle config that arrived as JSON.
 * @param {unknown} input
 * @returns {Partial<ThrottleConfig>}
 */
function parseThrottleConfig(input) {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new TypeError('throttle config must be an object');
	}
	/** @type {Partial<ThrottleConfig>} */
	const config = {};
	/** @type {Record<string, unknown>} */
	const record = { ...input };
	for (const key of /** @type {const} */ (['capacity', 'refillPerSecond'])) {
		const value = record[key];
		if (value === undefined) continue;
		assertPositiveNumber(value, `throttle.${key}`);
		config[key] = /** @type {number} */ (value);
	}
	const endpoints = record.endpoints;
	if (endpoints !== undefined) {
		if (typeof endpoints !== 'object' || endpoints === null || Array.isArray(endpoints)) {
			throw new TypeError('throttle.endpoints must be an object');
		}
		/** @type {Record<string, Partial<BucketConfig>>} */
		const parsedEndpoints = {};
		for (const [endpoint, override] of Object.entries(endpoints)) {
			const { endpoints: nested, ...limits } = parseThrottleConfig(override);
			if (nested !== undefined) throw new TypeError('throttle.endpoints cannot nest');
			parsedEndpoints[endpoint] = limits;
		}
		config.endpoints = parsedEndpoints;
	}
	return config;
}

class Throttle {
	/** @param {Partial<ThrottleConfig>} [config] */
	constructor(config) {
		this.config = normaliseThrottleConfig(config);
		/** @type {Map<string, { tokens: number, updatedAt: number }>} */
		this.buckets = new Map();
	}

	/**
	 * Replaces the limits and refills every bucket.
	 * @param {Partial<ThrottleConfig>} [config]
	 */
	configure(config) {
		this.config = normaliseThrottleConfig(config);
		this.buckets.clear();
	}

	/**
	 * @param {string} endpoint
	 * @returns {BucketConfig}
	 */
	limitsFor(endpoint) {
		const override = this.config.endpoints?.[endpoint] ?? {};
		return {
			capacity: override.capacity ?? this.config.capacity,
			refillPerSecond: override.refillPerSecond ?? this.config.refillPerSecond,
		};
	}

	/**
	 * @param {string} endpoint
	 * @param {number} now
	 */
	refill(endpoint, now) {
		const limits = this.limitsFor(endpoint);
		const bucket = this.buckets.get(endpoint) ?? { tokens: limits.capacity, updatedAt: now };
		const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
		bucket.tokens = Math.min(
			limits.capacity,
			bucket.tokens + elapsedSeconds * limits.refillPerSecond,
		);
		bucket.updatedAt = now;
		this.buckets.set(endpoint, bucket);
		return { bucket, limits };
	}

	/**
	 * Consumes one request token when available.
	 * @param {string} endpoint
	 * @returns {BucketState}
	 */
	take(endpoint) {
		const now = Date.now();
		const { bucket, limits } = this.refill(endpoint, now);
		const allowed = bucket.tokens >= 1;
		if (allowed) bucket.tokens -= 1;
		return this.describe(bucket.tokens, limits, now, allowed);
	}

	/**
	 * Reports the bucket without consuming, for responses that fail before the quota applies.
	 * @param {string} endpoint
	 * @returns {BucketState}
	 */
	peek(endpoint) {
		const now = Date.now();
		const { bucket, limits } = this.refill(endpoint, now);
		return this.describe(bucket.tokens, limits, now, bucket.tokens >= 1);
	}

	/**
	 * @param {number} tokens
	 * @param {BucketConfig} limits
	 * @param {number} now
	 * @param {boolean} allowed
	 * @returns {BucketState}
	 */
	describe(tokens, limits, now, allowed) {
		const whole = Math.floor(tokens);
		const missingFraction = whole + 1 - tokens;
		const nextReplenishmentTime =
			tokens >= limits.capacity
				? now
				: now + Math.ceil((missingFraction / limits.refillPerSecond) * 1000);
		return { allowed, remaining: whole, nextReplenishmentTime };
	}
}

/**
 * @param {BucketState} state
 * @returns {Record<string, string>}
 */
function throttleHeaders(state) {
	return {
		'X-Current-Token-Count': String(state.remaining),
		'X-Next-Replenishment-Time': String(state.nextReplenishmentTime),
	};
}

module.exports = { Throttle, throttleHeaders, normaliseThrottleConfig, parseThrottleConfig };
