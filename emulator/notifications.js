// @ts-check
// Walmart notifications (webhooks, US only): the subscription endpoints under /v3/webhooks, the
// notifications Walmart POSTs to a seller's eventUrl, and the /_emulator/notifications control
// routes. A trigger node must survive what Walmart's delivery does to it: auth headers it has to
// check, redelivery of the same event after a non-2xx answer, and duplicates, so all of that is
// reproduced here against a real HTTP receiver.

const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');
const { WalmartError, errorItem, invalidContent, contentNotFound } = require('./errors');
const { requireObject, requireNonEmptyArray, requireString, requireOneOf } = require('./validate');
const { isRecord, clone } = require('./util');
const { isoWithMillis } = require('./dates');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {import('./routes').BusinessContext} BusinessContext */
/** @typedef {import('./store').DataStore} DataStore */
/** @typedef {{ status: number, body: unknown }} ControlReply */

/**
 * @typedef {'ORDER_UPDATES' | 'PO_CREATED' | 'PO_LINE_AUTOCANCELLED' | 'INTENT_TO_CANCEL'
 *   | 'RETURN_CREATED' | 'OFFER_UNPUBLISHED' | 'BUY_BOX_CHANGED' | 'INVENTORY_OOS'
 *   | 'REPORT_STATUS'} EventType
 * @typedef {'PO_CREATED' | 'PO_LINE_AUTOCANCELLED' | 'INTENT_TO_CANCEL' | 'FRAUD_CANCEL'} SubEventType
 * @typedef {'base64' | 'hex'} HmacEncoding
 * @typedef {(
 *   | { authMethod: 'BASIC_AUTH', userName: string, password: string, authHeaderName: string }
 *   | { authMethod: 'HMAC', clientSecret: string, authHeaderName: string }
 * ) & Record<string, unknown>} AuthDetails
 * @typedef {{
 *   eventType: EventType,
 *   subscriptionId: string,
 *   partnerId: string,
 *   eventVersion: string,
 *   resourceName: string,
 *   status: 'ACTIVE' | 'INACTIVE',
 *   eventUrl: string,
 *   authDetails?: AuthDetails,
 *   headers?: Record<string, string>,
 * }} SubscriptionRecord
 * `authDetails` and `headers` are present only when the seller sent them, and are echoed as sent
 * (secrets included), as Walmart's examples do.
 *
 * @typedef {{
 *   seq: number,
 *   eventId: string,
 *   eventType: EventType,
 *   subEventType?: SubEventType,
 *   subscriptionId?: string,
 *   url: string,
 *   attempt: number,
 *   test: boolean,
 *   status: number | null,
 *   error?: string,
 *   at: string,
 * }} DeliveryLogEntry
 * One HTTP attempt. `status` is null when no HTTP answer came (`error` says why); `at` is when the
 * attempt started, on the emulator clock.
 *
 * @typedef {{
 *   subscriptionId?: string,
 *   url: string,
 *   delivered: boolean,
 *   attempts: number,
 *   status: number | null,
 *   error?: string,
 * }} DeliveryOutcome
 * What became of one notification at one URL after all its attempts.
 *
 * @typedef {{
 *   eventId: string,
 *   eventType: EventType,
 *   subEventType?: SubEventType,
 *   deliveries: DeliveryOutcome[],
 * }} EmitResult
 *
 * @typedef {{
 *   eventType: string,
 *   subEventType?: string,
 *   purchaseOrderId?: string,
 *   returnOrderId?: string,
 *   eventId?: string,
 *   duplicate?: boolean,
 * }} EmitRequest
 *
 * @typedef {{
 *   partnerId?: string,
 *   hmacEncoding?: HmacEncoding,
 *   redeliveryDelayMs?: number,
 *   deliveryTimeoutMs?: number,
 * }} NotificationOptions
 */

const API = 'GMP_NOTIFICATIONS_API';
const EVENT_VERSION = 'V1';
const DEFAULT_PARTNER_ID = '10000000359';
const PARTNER_NAME = 'Emulator Seller LLC';
// Walmart retries a delivery that gets no 2xx twice more.
const MAX_ATTEMPTS = 3;
const DEFAULT_REDELIVERY_DELAY_MS = 1000;
const DEFAULT_TIMEOUT_MS = 10000;
const MAX_DELAY_MS = 600000;
const MAX_LOG_ENTRIES = 10000;
const HMAC_ENCODINGS = /** @type {const} */ (['base64', 'hex']);
const STATUSES = /** @type {const} */ (['ACTIVE', 'INACTIVE']);
const AUTH_METHODS = /** @type {const} */ (['BASIC_AUTH', 'HMAC', 'OAUTH']);
const SUB_EVENT_TYPES = /** @type {const} */ ([
	'PO_CREATED',
	'PO_LINE_AUTOCANCELLED',
	'INTENT_TO_CANCEL',
	'FRAUD_CANCEL',
]);

/** @type {{ eventType: EventType, resourceName: string, description: string }[]} */
const EVENT_CATALOGUE = [
	{
		eventType: 'ORDER_UPDATES',
		resourceName: 'ORDER',
		description:
			'Changes to a purchase order; payload.subEventType says which (PO_CREATED, PO_LINE_AUTOCANCELLED, INTENT_TO_CANCEL, FRAUD_CANCEL).',
	},
	{
		eventType: 'PO_CREATED',
		resourceName: 'ORDER',
		description: 'A purchase order was created (superseded by ORDER_UPDATES).',
	},
	{
		eventType: 'PO_LINE_AUTOCANCELLED',
		resourceName: 'ORDER',
		description: 'Order lines were cancelled automatically (superseded by ORDER_UPDATES).',
	},
	{
		eventType: 'INTENT_TO_CANCEL',
		resourceName: 'ORDER',
		description: 'The customer asked to cancel order lines (superseded by ORDER_UPDATES).',
	},
	{ eventType: 'RETURN_CREATED', resourceName: 'RETURNS', description: 'A return was opened.' },
	{
		eventType: 'OFFER_UNPUBLISHED',
		resourceName: 'ITEM',
		description: 'An offer was unpublished.',
	},
	{
		eventType: 'BUY_BOX_CHANGED',
		resourceName: 'PRICE',
		description: 'The buy box winner or price of an item changed.',
	},
	{
		eventType: 'INVENTORY_OOS',
		resourceName: 'INVENTORY',
		description: 'An item went out of stock.',
	},
	{
		eventType: 'REPORT_STATUS',
		resourceName: 'REPORTS',
		description: 'A requested report changed status.',
	},
];

const ORDER_EVENT_TYPES = /** @type {readonly EventType[]} */ ([
	'ORDER_UPDATES',
	'PO_CREATED',
	'PO_LINE_AUTOCANCELLED',
	'INTENT_TO_CANCEL',
]);

/**
 * Thrown by emitNotification for an ID the store does not hold; the control route answers 404.
 */
class UnknownIdError extends RangeError {
	/** @param {string} message */
	constructor(message) {
		super(message);
		this.name = 'UnknownIdError';
		this.status = 404;
	}
}

/**
 * @param {unknown} value
 * @returns {HmacEncoding}
 */
function assertHmacEncoding(value) {
	const encoding = HMAC_ENCODINGS.find((candidate) => candidate === value);
	if (encoding === undefined) {
		throw new RangeError(`hmacEncoding must be 'base64' or 'hex' (got ${JSON.stringify(value)})`);
	}
	return encoding;
}

/**
 * @param {unknown} value
 * @param {string} name
 * @param {number} min
 * @returns {number}
 */
function assertDelay(value, name, min) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_DELAY_MS) {
		throw new RangeError(`${name} must be a number of milliseconds from ${min} to ${MAX_DELAY_MS}`);
	}
	return value;
}

/**
 * Waits `ms`, or less if the signal aborts first (a reset or close must not wait out a retry).
 * @param {number} ms
 * @param {AbortSignal} signal
 * @returns {Promise<void>}
 */
function sleep(ms, signal) {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done);
	});
}

/**
 * Subscriptions, delivery settings and the delivery log. Lives in the emulator state, so a reset
 * forgets subscriptions and stops deliveries still running.
 */
class Notifications {
	/**
	 * @param {NotificationOptions} options
	 * @param {() => number} clock the emulator clock (epoch ms)
	 */
	constructor(options, clock) {
		this.clock = clock;
		this.partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
		if (typeof this.partnerId !== 'string' || this.partnerId === '') {
			throw new RangeError('partnerId must be a non-empty string');
		}
		this.configuredHmacEncoding = assertHmacEncoding(options.hmacEncoding ?? 'base64');
		this.configuredRedeliveryDelayMs = assertDelay(
			options.redeliveryDelayMs ?? DEFAULT_REDELIVERY_DELAY_MS,
			'redeliveryDelayMs',
			0,
		);
		this.timeoutMs = assertDelay(
			options.deliveryTimeoutMs ?? DEFAULT_TIMEOUT_MS,
			'deliveryTimeoutMs',
			1,
		);
		this.hmacEncoding = this.configuredHmacEncoding;
		this.redeliveryDelayMs = this.configuredRedeliveryDelayMs;
		/** @type {SubscriptionRecord[]} oldest first */
		this.subscriptions = [];
		/** @type {DeliveryLogEntry[]} */
		this.log = [];
		this.nextSeq = 1;
		/** @type {Set<Promise<unknown>>} */
		this.inFlight = new Set();
		this.controller = new AbortController();
	}

	/** @param {unknown} encoding */
	setHmacEncoding(encoding) {
		this.hmacEncoding = assertHmacEncoding(encoding);
	}

	/** @param {unknown} ms */
	setRedeliveryDelay(ms) {
		this.redeliveryDelayMs = assertDelay(ms, 'redeliveryDelayMs', 0);
	}

	/**
	 * Aborts running deliveries and pending redeliveries. Their attempts are not logged, so the
	 * log after a reset holds only what happened after it.
	 */
	cancelAll() {
		this.controller.abort();
		this.controller = new AbortController();
	}

	reset() {
		this.cancelAll();
		this.subscriptions = [];
		this.log = [];
		this.nextSeq = 1;
		this.hmacEncoding = this.configuredHmacEncoding;
		this.redeliveryDelayMs = this.configuredRedeliveryDelayMs;
	}

	clearLog() {
		this.log.length = 0;
	}

	/**
	 * Resolves once no delivery is running, including ones started while waiting.
	 * @returns {Promise<void>}
	 */
	async settle() {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	/**
	 * @template T
	 * @param {Promise<T>} work
	 * @returns {Promise<T>}
	 */
	track(work) {
		this.inFlight.add(work);
		const forget = () => this.inFlight.delete(work);
		work.then(forget, forget);
		return work;
	}

	info() {
		return {
			subscriptionCount: this.subscriptions.length,
			hmacEncoding: this.hmacEncoding,
			redeliveryDelayMs: this.redeliveryDelayMs,
			deliveryTimeoutMs: this.timeoutMs,
			deliveriesInFlight: this.inFlight.size,
		};
	}

	/**
	 * @param {EventType} eventType
	 * @returns {SubscriptionRecord[]}
	 */
	activeFor(eventType) {
		return this.subscriptions.filter(
			(record) => record.eventType === eventType && record.status === 'ACTIVE',
		);
	}

	/**
	 * Delivers one serialised notification to one URL, redelivering up to `maxAttempts` in all.
	 * Every attempt sends the same bytes, so a receiver can de-duplicate on them or on eventId.
	 * @param {{
	 *   body: Buffer,
	 *   eventId: string,
	 *   eventType: EventType,
	 *   subEventType?: SubEventType,
	 *   subscriptionId?: string,
	 *   url: string,
	 *   authDetails?: AuthDetails,
	 *   headers?: Record<string, string>,
	 *   test: boolean,
	 *   maxAttempts: number,
	 * }} job
	 * @returns {Promise<DeliveryOutcome>}
	 */
	async deliver(job) {
		const signal = this.controller.signal;
		const requestHeaders = buildHeaders(job.body, job.authDetails, job.headers, this.hmacEncoding);
		/** @type {DeliveryOutcome} */
		let outcome = { url: job.url, delivered: false, attempts: 0, status: null };
		if (job.subscriptionId !== undefined) outcome.subscriptionId = job.subscriptionId;
		for (let attempt = 1; attempt <= job.maxAttempts; attempt++) {
			if (signal.aborted) return { ...outcome, error: 'cancelled by reset or close' };
			const at = isoWithMillis(this.clock());
			const result = await post(job.url, requestHeaders, job.body, this.timeoutMs, signal);
			if (signal.aborted) return { ...outcome, error: 'cancelled by reset or close' };
			/** @type {DeliveryLogEntry} */
			const entry = {
				seq: this.nextSeq++,
				eventId: job.eventId,
				eventType: job.eventType,
				...(job.subEventType === undefined ? {} : { subEventType: job.subEventType }),
				...(job.subscriptionId === undefined ? {} : { subscriptionId: job.subscriptionId }),
				url: job.url,
				attempt,
				test: job.test,
				status: result.status,
				...(result.error === undefined ? {} : { error: result.error }),
				at,
			};
			this.log.push(entry);
			if (this.log.length > MAX_LOG_ENTRIES) this.log.splice(0, this.log.length - MAX_LOG_ENTRIES);
			const delivered = result.status !== null && result.status >= 200 && result.status < 300;
			outcome = {
				...(job.subscriptionId === undefined ? {} : { subscriptionId: job.subscriptionId }),
				url: job.url,
				delivered,
				attempts: attempt,
				status: result.status,
				...(result.error === undefined ? {} : { error: result.error }),
			};
			if (delivered) break;
			if (attempt < job.maxAttempts) await sleep(this.redeliveryDelayMs, signal);
		}
		return outcome;
	}

	/**
	 * Sends one event to every ACTIVE subscriber of its type (twice each, concurrently, when
	 * `duplicate`). The envelope is serialised once, so every copy and retry is byte-identical
	 * and each HMAC covers exactly the bytes sent.
	 * @param {{ eventType: EventType, subEventType?: SubEventType, payload: unknown, eventId?: string, duplicate?: boolean }} event
	 * @returns {Promise<EmitResult>}
	 */
	emit(event) {
		const eventId = event.eventId ?? crypto.randomUUID();
		const body = serialiseEnvelope(event.eventType, eventId, this.clock(), event.payload);
		const copies = event.duplicate ? 2 : 1;
		const jobs = this.activeFor(event.eventType).flatMap((record) =>
			Array.from({ length: copies }, () =>
				this.deliver({
					body,
					eventId,
					eventType: event.eventType,
					...(event.subEventType === undefined ? {} : { subEventType: event.subEventType }),
					subscriptionId: record.subscriptionId,
					url: record.eventUrl,
					...(record.authDetails === undefined ? {} : { authDetails: record.authDetails }),
					...(record.headers === undefined ? {} : { headers: record.headers }),
					test: false,
					maxAttempts: MAX_ATTEMPTS,
				}),
			),
		);
		return this.track(
			Promise.all(jobs).then((deliveries) => ({
				eventId,
				eventType: event.eventType,
				...(event.subEventType === undefined ? {} : { subEventType: event.subEventType }),
				deliveries,
			})),
		);
	}
}

/**
 * @param {EventType} eventType
 * @param {string} eventId
 * @param {number} now
 * @param {unknown} payload
 * @returns {Buffer}
 */
function serialiseEnvelope(eventType, eventId, now, payload) {
	const envelope = {
		source: { eventType, eventFilters: null, eventTime: isoWithMillis(now), eventId },
		payload,
	};
	return Buffer.from(JSON.stringify(envelope), 'utf8');
}

/**
 * Custom headers go first so that neither they nor anything else can replace the auth header
 * Walmart computes.
 * @param {Buffer} body
 * @param {AuthDetails | undefined} authDetails
 * @param {Record<string, string> | undefined} custom
 * @param {HmacEncoding} encoding
 * @returns {Record<string, string>}
 */
function buildHeaders(body, authDetails, custom, encoding) {
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json' };
	for (const [name, value] of Object.entries(custom ?? {})) headers[name.toLowerCase()] = value;
	headers['content-length'] = String(body.length);
	if (authDetails?.authMethod === 'BASIC_AUTH') {
		const credentials = `${authDetails.userName}:${authDetails.password}`;
		headers[authDetails.authHeaderName.toLowerCase()] =
			'Basic ' + Buffer.from(credentials, 'utf8').toString('base64');
	} else if (authDetails?.authMethod === 'HMAC') {
		headers[authDetails.authHeaderName.toLowerCase()] = crypto
			.createHmac('sha256', authDetails.clientSecret)
			.update(body)
			.digest(encoding);
	}
	return headers;
}

/**
 * One POST attempt. Resolves (never rejects) with the HTTP status or why there was none.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {Buffer} body
 * @param {number} timeoutMs
 * @param {AbortSignal} signal
 * @returns {Promise<{ status: number | null, error?: string }>}
 */
function post(url, headers, body, timeoutMs, signal) {
	return new Promise((resolve) => {
		let settled = false;
		/** @param {{ status: number | null, error?: string }} result */
		const finish = (result) => {
			if (settled) return;
			settled = true;
			resolve(result);
		};
		const target = new URL(url);
		const transport = target.protocol === 'https:' ? https : http;
		/** @type {http.ClientRequest} */
		let request;
		try {
			// agent: false closes the socket afterwards, so no keep-alive connection outlives a test.
			request = transport.request(target, { method: 'POST', headers, agent: false, signal });
		} catch (error) {
			finish({ status: null, error: error instanceof Error ? error.message : String(error) });
			return;
		}
		request.setTimeout(timeoutMs, () => {
			request.destroy(new Error(`no answer within ${timeoutMs} ms`));
		});
		request.on('response', (response) => {
			const status = response.statusCode ?? null;
			response.resume();
			response.on('end', () => finish({ status }));
			response.on('error', () => finish({ status }));
			response.on('close', () => finish({ status }));
		});
		request.on('error', (error) => finish({ status: null, error: error.message }));
		request.end(body);
	});
}

// ---------------------------------------------------------------------------------------------
// Payloads

/**
 * @param {string} partnerId
 * @param {Order} order
 */
function orderPayload(partnerId, order) {
	return {
		partnerId,
		purchaseOrderId: order.purchaseOrderId,
		customerOrderId: order.customerOrderId,
		orderDate: isoWithMillis(order.orderDate),
		estimatedDeliveryDate: isoWithMillis(order.shippingInfo.estimatedDeliveryDate),
		estimatedShipDate: isoWithMillis(order.shippingInfo.estimatedShipDate),
		orderLines: order.orderLines.orderLine.map((line) => {
			// A line split across statuses reports the one most of its units are in.
			const main = [...line.orderLineStatuses.orderLineStatus].sort(
				(a, b) => Number(b.statusQuantity.amount) - Number(a.statusQuantity.amount),
			)[0];
			return {
				lineNumber: line.lineNumber,
				sku: line.item.sku,
				productName: line.item.productName,
				quantity: { unitOfMeasure: 'EACH', measurementValue: line.orderLineQuantity.amount },
				status: (main?.status ?? 'Created').toUpperCase(),
				statusDate: isoWithMillis(line.statusDate),
				shippingProgramType: line.fulfillment.shippingProgramType ?? 'STANDARD',
				shippingMethod: line.fulfillment.shipMethod,
				shipNodeType: order.shipNode.type,
			};
		}),
	};
}

/**
 * Used by the test endpoint when the store holds no order.
 * @param {string} partnerId
 * @param {number} now
 */
function sampleOrderPayload(partnerId, now) {
	return {
		partnerId,
		purchaseOrderId: '8000000000000',
		customerOrderId: '8100000000000',
		orderDate: isoWithMillis(now),
		estimatedDeliveryDate: isoWithMillis(now + 4 * 86400000),
		estimatedShipDate: isoWithMillis(now + 86400000),
		orderLines: [
			{
				lineNumber: '1',
				sku: 'SAMPLE-SKU-1',
				productName: 'Emulator sample item',
				quantity: { unitOfMeasure: 'EACH', measurementValue: '1' },
				status: 'CREATED',
				statusDate: isoWithMillis(now),
				shippingProgramType: 'STANDARD',
				shippingMethod: 'STANDARD',
				shipNodeType: 'SellerFulfilled',
			},
		],
	};
}

/**
 * @param {string} partnerId
 * @param {ReturnOrder | undefined} returnOrder undefined: a fixed sample
 */
function returnPayload(partnerId, returnOrder) {
	const returnOrders =
		returnOrder === undefined
			? [
					{
						purchaseOrderId: '8000000000000',
						productName: 'Emulator sample item',
						returnOrderId: '300000000000000000',
						returnInitiatedDate: '2026-01-01T00:00:00.000Z',
						returnReason: 'NO_LONGER_WANTED',
						quantity: '1',
						trackingUrl: [],
						trackingId: [],
						refundStatus: 'Non Refunded',
					},
				]
			: returnOrder.returnOrderLines.map((line) => ({
					purchaseOrderId: line.purchaseOrderId,
					productName: line.item.productName,
					returnOrderId: returnOrder.returnOrderId,
					returnInitiatedDate: returnOrder.returnOrderDate,
					returnReason: line.returnReason,
					quantity: String(line.quantity.measurementValue),
					trackingUrl: [],
					trackingId: [],
					refundStatus:
						line.refundedQty === 0
							? 'Non Refunded'
							: line.refundedQty >= line.quantity.measurementValue
								? 'Refunded'
								: 'Partially Refunded',
				}));
	return { partnerId, partnerName: PARTNER_NAME, returnOrders };
}

/**
 * Placeholder payloads for the event types whose resources the emulator does not model (items,
 * prices, inventory, reports). Their shapes are the emulator's own, not Walmart's.
 * @param {EventType} eventType
 * @param {string} partnerId
 * @param {number} now
 */
function placeholderPayload(eventType, partnerId, now) {
	const time = isoWithMillis(now);
	switch (eventType) {
		case 'OFFER_UNPUBLISHED':
			return { partnerId, sku: 'SAMPLE-SKU-1', unpublishedReasons: ['Emulator sample'], time };
		case 'BUY_BOX_CHANGED':
			return { partnerId, sku: 'SAMPLE-SKU-1', currentPrice: 19.99, currency: 'USD', time };
		case 'INVENTORY_OOS':
			return { partnerId, sku: 'SAMPLE-SKU-1', shipNode: '730120', availableQuantity: 0, time };
		default:
			return { partnerId, reportType: 'ITEM', requestId: 'sample-report', status: 'READY', time };
	}
}

/**
 * @param {EventType} eventType
 * @param {SubEventType | undefined} subEventType
 * @param {unknown} orderObject
 */
function wrapOrder(eventType, subEventType, orderObject) {
	return eventType === 'ORDER_UPDATES'
		? { subEventType: subEventType ?? 'PO_CREATED', order: orderObject }
		: orderObject;
}

// ---------------------------------------------------------------------------------------------
// Emission

/**
 * @param {import('./state').EmulatorState} state
 * @param {unknown} input
 * @returns {Promise<EmitResult>}
 */
async function emitNotification(state, input) {
	if (!isRecord(input)) throw new TypeError('the notification must be an object');
	const entry = EVENT_CATALOGUE.find((candidate) => candidate.eventType === input.eventType);
	if (entry === undefined) {
		throw new RangeError(
			`eventType must be one of ${EVENT_CATALOGUE.map((candidate) => candidate.eventType).join(', ')}`,
		);
	}
	const eventType = entry.eventType;
	/** @type {SubEventType | undefined} */
	let subEventType;
	if (input.subEventType !== undefined) {
		if (eventType !== 'ORDER_UPDATES') {
			throw new TypeError('subEventType applies to ORDER_UPDATES only');
		}
		subEventType = SUB_EVENT_TYPES.find((candidate) => candidate === input.subEventType);
		if (subEventType === undefined) {
			throw new RangeError(`subEventType must be one of ${SUB_EVENT_TYPES.join(', ')}`);
		}
	} else if (eventType === 'ORDER_UPDATES') {
		subEventType = 'PO_CREATED';
	}
	for (const key of /** @type {const} */ (['purchaseOrderId', 'returnOrderId', 'eventId'])) {
		const value = input[key];
		if (value !== undefined && (typeof value !== 'string' || value === '')) {
			throw new TypeError(`${key} must be a non-empty string`);
		}
	}
	if (input.duplicate !== undefined && typeof input.duplicate !== 'boolean') {
		throw new TypeError('duplicate must be a boolean');
	}
	const notifications = state.notifications;
	const store = state.store;
	const purchaseOrderId = /** @type {string | undefined} */ (input.purchaseOrderId);
	const returnOrderId = /** @type {string | undefined} */ (input.returnOrderId);
	/** @type {unknown} */
	let payload;
	if (ORDER_EVENT_TYPES.includes(eventType)) {
		const order = purchaseOrderId === undefined ? store.orders[0] : store.order(purchaseOrderId);
		if (order === undefined) {
			throw new UnknownIdError(
				purchaseOrderId === undefined
					? 'the store holds no order'
					: `order ${purchaseOrderId} not found`,
			);
		}
		payload = wrapOrder(eventType, subEventType, orderPayload(notifications.partnerId, order));
	} else if (eventType === 'RETURN_CREATED') {
		const returnOrder =
			returnOrderId !== undefined
				? store.returnOrder(returnOrderId)
				: store.returns.find(
						(candidate) =>
							purchaseOrderId === undefined ||
							candidate.returnOrderLines.some((line) => line.purchaseOrderId === purchaseOrderId),
					);
		if (returnOrder === undefined) {
			throw new UnknownIdError(
				returnOrderId !== undefined
					? `return ${returnOrderId} not found`
					: purchaseOrderId !== undefined
						? `no return found for order ${purchaseOrderId}`
						: 'the store holds no return',
			);
		}
		payload = returnPayload(notifications.partnerId, returnOrder);
	} else {
		payload = placeholderPayload(eventType, notifications.partnerId, state.clock());
	}
	return notifications.emit({
		eventType,
		...(subEventType === undefined ? {} : { subEventType }),
		payload,
		...(input.eventId === undefined ? {} : { eventId: /** @type {string} */ (input.eventId) }),
		duplicate: input.duplicate === true,
	});
}

/**
 * Fire and forget: a delivery failure shows in the delivery log, never in the caller.
 * @param {Promise<unknown>} work
 */
function detach(work) {
	work.catch((error) => {
		process.stderr.write(
			`[walmart-emulator] notification failed: ${error instanceof Error ? error.stack : String(error)}\n`,
		);
	});
}

/**
 * What Walmart sends when a purchase order is created: ORDER_UPDATES with subEventType
 * PO_CREATED, and the legacy PO_CREATED event, each only if someone subscribed.
 * @param {import('./state').EmulatorState} state
 * @param {Order} order
 */
function notifyOrderCreated(state, order) {
	const notifications = state.notifications;
	const payload = orderPayload(notifications.partnerId, order);
	if (notifications.activeFor('ORDER_UPDATES').length > 0) {
		detach(
			notifications.emit({
				eventType: 'ORDER_UPDATES',
				subEventType: 'PO_CREATED',
				payload: wrapOrder('ORDER_UPDATES', 'PO_CREATED', payload),
			}),
		);
	}
	if (notifications.activeFor('PO_CREATED').length > 0) {
		detach(notifications.emit({ eventType: 'PO_CREATED', payload }));
	}
}

/**
 * @param {import('./state').EmulatorState} state
 * @param {ReturnOrder} returnOrder
 */
function notifyReturnOpened(state, returnOrder) {
	const notifications = state.notifications;
	if (notifications.activeFor('RETURN_CREATED').length === 0) return;
	detach(
		notifications.emit({
			eventType: 'RETURN_CREATED',
			payload: returnPayload(notifications.partnerId, returnOrder),
		}),
	);
}

// ---------------------------------------------------------------------------------------------
// /v3/webhooks routes: parse → check → apply → render, as in cancel.js.

/**
 * Notifications exist on the US marketplace only.
 * @param {BusinessContext} context
 */
function requireUsMarket(context) {
	if (context.market !== 'us') {
		throw new WalmartError(400, [
			errorItem(
				'INVALID_REQUEST',
				API,
				'WM_MARKET',
				`Notifications are available on the US marketplace only (WM_MARKET: ${context.market.toUpperCase()}). Leave WM_MARKET out or send us.`,
			),
		]);
	}
}

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {string}
 */
function requireEventUrl(value, field) {
	const text = requireString(API, value, field);
	/** @type {URL | undefined} */
	let url;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw invalidContent(
			API,
			field,
			`${field} must be an absolute http: or https: URL (got ${JSON.stringify(text)}).`,
		);
	}
	return text;
}

/**
 * @param {unknown} value
 * @param {string} field
 */
function requireHeaderName(value, field) {
	const name = requireString(API, value, field);
	try {
		http.validateHeaderName(name);
	} catch {
		throw invalidContent(
			API,
			field,
			`${field} ${JSON.stringify(name)} is not a valid HTTP header name.`,
		);
	}
	return name;
}

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {AuthDetails | undefined}
 */
function parseAuthDetails(value, field) {
	if (value === undefined || value === null) return undefined;
	const auth = requireObject(API, value, field);
	const method = requireOneOf(API, auth.authMethod, `${field}.authMethod`, AUTH_METHODS);
	if (method === 'OAUTH') {
		throw invalidContent(API, `${field}.authMethod`, 'OAUTH destinations are not emulated.');
	}
	if (method === 'BASIC_AUTH') {
		requireString(API, auth.userName, `${field}.userName`);
		requireString(API, auth.password, `${field}.password`);
	} else {
		requireString(API, auth.clientSecret, `${field}.clientSecret`);
	}
	requireHeaderName(auth.authHeaderName, `${field}.authHeaderName`);
	return /** @type {AuthDetails} */ (clone(auth));
}

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {Record<string, string> | undefined}
 */
function parseCustomHeaders(value, field) {
	if (value === undefined || value === null) return undefined;
	if (!isRecord(value)) {
		throw invalidContent(
			API,
			field,
			`${field} must be an object of header names to string values.`,
		);
	}
	/** @type {Record<string, string>} */
	const headers = {};
	for (const [name, headerValue] of Object.entries(value)) {
		const headerField = `${field}.${name}`;
		if (typeof headerValue !== 'string') {
			throw invalidContent(API, headerField, `${headerField} must be a string.`);
		}
		try {
			http.validateHeaderName(name);
			http.validateHeaderValue(name, headerValue);
		} catch {
			throw invalidContent(API, headerField, `${headerField} is not a valid HTTP header.`);
		}
		headers[name] = headerValue;
	}
	return headers;
}

/**
 * The fields a subscription and a test notification share.
 * @param {Record<string, unknown>} entry
 * @param {string} prefix '' or e.g. 'events[0].'
 */
function parseDestination(entry, prefix) {
	const eventType = requireString(API, entry.eventType, `${prefix}eventType`);
	const known = EVENT_CATALOGUE.find((candidate) => candidate.eventType === eventType);
	if (known === undefined) {
		throw invalidContent(
			API,
			`${prefix}eventType`,
			`Unknown eventType ${JSON.stringify(eventType)}. Allowed values: ${EVENT_CATALOGUE.map((candidate) => candidate.eventType).join(', ')}.`,
		);
	}
	const eventVersion = requireString(API, entry.eventVersion, `${prefix}eventVersion`);
	if (eventVersion !== EVENT_VERSION) {
		throw invalidContent(
			API,
			`${prefix}eventVersion`,
			`eventType ${eventType} has eventVersion ${EVENT_VERSION} only (got ${JSON.stringify(eventVersion)}).`,
		);
	}
	const resourceName = requireString(API, entry.resourceName, `${prefix}resourceName`);
	if (resourceName !== known.resourceName) {
		throw invalidContent(
			API,
			`${prefix}resourceName`,
			`eventType ${eventType} belongs to resourceName ${known.resourceName} (got ${JSON.stringify(resourceName)}).`,
		);
	}
	const eventUrl = requireEventUrl(entry.eventUrl, `${prefix}eventUrl`);
	return { eventType: known.eventType, eventVersion, resourceName, eventUrl };
}

/**
 * @param {unknown} body
 * @returns {Omit<SubscriptionRecord, 'subscriptionId' | 'partnerId'>[]}
 */
function parseSubscriptions(body) {
	const root = requireObject(API, body, 'events');
	const events = requireNonEmptyArray(API, root.events, 'events');
	return events.map((raw, index) => {
		const prefix = `events[${index}].`;
		const entry = requireObject(API, raw, `events[${index}]`);
		const destination = parseDestination(entry, prefix);
		const status = requireOneOf(API, entry.status, `${prefix}status`, STATUSES);
		const authDetails = parseAuthDetails(entry.authDetails, `${prefix}authDetails`);
		const headers = parseCustomHeaders(entry.headers, `${prefix}headers`);
		return {
			...destination,
			status,
			...(authDetails === undefined ? {} : { authDetails }),
			...(headers === undefined ? {} : { headers }),
		};
	});
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function getEventTypes(request, context) {
	requireUsMarket(context);
	return {
		status: 200,
		body: {
			eventTypes: EVENT_CATALOGUE.map((entry) => ({
				resourceName: entry.resourceName,
				eventType: entry.eventType,
				eventVersion: EVENT_VERSION,
				description: entry.description,
			})),
		},
	};
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function createSubscription(request, context) {
	requireUsMarket(context);
	const notifications = context.notifications;
	const wanted = parseSubscriptions(request.body);
	/** @type {Set<string>} */
	const seen = new Set();
	for (const [index, entry] of wanted.entries()) {
		const field = `events[${index}].eventType`;
		if (seen.has(entry.eventType)) {
			throw invalidContent(
				API,
				field,
				`eventType ${entry.eventType} appears more than once in this request. Send each eventType once.`,
			);
		}
		seen.add(entry.eventType);
		const existing = notifications.subscriptions.find(
			(record) => record.eventType === entry.eventType,
		);
		if (existing) {
			throw invalidContent(
				API,
				field,
				`A subscription for eventType ${entry.eventType} already exists (subscriptionId ${existing.subscriptionId}). Update or delete it first.`,
			);
		}
	}
	const created = wanted.map((entry) => {
		/** @type {SubscriptionRecord} */
		const record = {
			eventType: entry.eventType,
			subscriptionId: crypto.randomUUID(),
			partnerId: notifications.partnerId,
			eventVersion: entry.eventVersion,
			resourceName: entry.resourceName,
			status: entry.status,
			eventUrl: entry.eventUrl,
			...(entry.authDetails === undefined ? {} : { authDetails: entry.authDetails }),
			...(entry.headers === undefined ? {} : { headers: entry.headers }),
		};
		notifications.subscriptions.push(record);
		return record;
	});
	return { status: 200, body: { event: clone(created) } };
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function getAllSubscriptions(request, context) {
	requireUsMarket(context);
	const filters = /** @type {const} */ (['subscriptionId', 'eventType', 'resourceName', 'status']);
	const events = context.notifications.subscriptions.filter((record) =>
		filters.every((name) => {
			const wanted = request.query.get(name);
			return wanted === null || wanted === '' || record[name] === wanted;
		}),
	);
	return { status: 200, body: { events: clone(events) } };
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {SubscriptionRecord}
 */
function findSubscription(request, context) {
	const subscriptionId = request.params.subscriptionId;
	const record = context.notifications.subscriptions.find(
		(candidate) => candidate.subscriptionId === subscriptionId,
	);
	if (record === undefined) {
		throw contentNotFound(API, `No subscription found with subscriptionId '${subscriptionId}'.`);
	}
	return record;
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function updateSubscription(request, context) {
	requireUsMarket(context);
	const record = findSubscription(request, context);
	const body = requireObject(API, request.body, 'body');
	const changeable = ['eventUrl', 'authDetails', 'headers', 'status'];
	if (!changeable.some((name) => body[name] !== undefined)) {
		throw invalidContent(
			API,
			'body',
			`Send at least one of ${changeable.join(', ')} to update subscription ${record.subscriptionId}.`,
		);
	}
	// The event a subscription is for cannot change; the seller deletes it and subscribes anew.
	for (const name of /** @type {const} */ (['eventType', 'eventVersion', 'resourceName'])) {
		if (body[name] !== undefined && body[name] !== record[name]) {
			throw invalidContent(
				API,
				name,
				`${name} of subscription ${record.subscriptionId} cannot be changed (it is ${record[name]}). Delete the subscription and create a new one.`,
			);
		}
	}
	const eventUrl =
		body.eventUrl === undefined ? undefined : requireEventUrl(body.eventUrl, 'eventUrl');
	const status =
		body.status === undefined ? undefined : requireOneOf(API, body.status, 'status', STATUSES);
	const authDetails = parseAuthDetails(body.authDetails, 'authDetails');
	const headers = parseCustomHeaders(body.headers, 'headers');
	if (eventUrl !== undefined) record.eventUrl = eventUrl;
	if (status !== undefined) record.status = status;
	// null removes auth or headers; absent leaves them as they were.
	if (authDetails !== undefined) record.authDetails = authDetails;
	else if (body.authDetails === null) delete record.authDetails;
	if (headers !== undefined) record.headers = headers;
	else if (body.headers === null) delete record.headers;
	return { status: 200, body: clone(record) };
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function deleteSubscription(request, context) {
	requireUsMarket(context);
	const record = findSubscription(request, context);
	const list = context.notifications.subscriptions;
	list.splice(list.indexOf(record), 1);
	return {
		status: 200,
		body: { subscriptionId: record.subscriptionId, message: 'Subscription deleted successfully' },
	};
}

/**
 * POST /v3/webhooks/test: one delivery, no redelivery, answered after the receiver answered.
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Promise<Reply>}
 */
async function testNotification(request, context) {
	requireUsMarket(context);
	const body = requireObject(API, request.body, 'body');
	const destination = parseDestination(body, '');
	const authDetails = parseAuthDetails(body.authDetails, 'authDetails');
	const headers = parseCustomHeaders(body.headers, 'headers');
	const notifications = context.notifications;
	const partnerId = notifications.partnerId;
	const eventType = destination.eventType;
	/** @type {unknown} */
	let payload;
	if (ORDER_EVENT_TYPES.includes(eventType)) {
		const order = context.store.orders[0];
		const orderObject =
			order === undefined
				? sampleOrderPayload(partnerId, context.now)
				: orderPayload(partnerId, order);
		payload = wrapOrder(eventType, undefined, orderObject);
	} else if (eventType === 'RETURN_CREATED') {
		payload = returnPayload(partnerId, context.store.returns[0]);
	} else {
		payload = placeholderPayload(eventType, partnerId, context.now);
	}
	const eventId = crypto.randomUUID();
	const outcome = await notifications.track(
		notifications.deliver({
			body: serialiseEnvelope(eventType, eventId, context.now, payload),
			eventId,
			eventType,
			...(eventType === 'ORDER_UPDATES'
				? { subEventType: /** @type {const} */ ('PO_CREATED') }
				: {}),
			url: destination.eventUrl,
			...(authDetails === undefined ? {} : { authDetails }),
			...(headers === undefined ? {} : { headers }),
			test: true,
			maxAttempts: 1,
		}),
	);
	if (outcome.delivered) {
		return { status: 200, body: { message: 'Eventurl successfully validated' } };
	}
	throw invalidContent(
		API,
		'eventUrl',
		outcome.status === null
			? `The eventUrl could not be reached: ${outcome.error ?? 'no answer'}`
			: `The eventUrl answered HTTP ${outcome.status}`,
	);
}

// ---------------------------------------------------------------------------------------------
// /_emulator/notifications control routes

/**
 * @param {import('./state').EmulatorState} state
 * @param {string} route `METHOD /path` without a trailing slash
 * @param {unknown} body
 * @returns {ControlReply | Promise<ControlReply> | undefined}
 */
function handleNotificationControl(state, route, body) {
	const notifications = state.notifications;
	switch (route) {
		case 'GET /_emulator/notifications/deliveries':
			return { status: 200, body: notifications.log };
		case 'DELETE /_emulator/notifications/deliveries':
			notifications.clearLog();
			return { status: 200, body: { cleared: true } };
		case 'GET /_emulator/notifications/subscriptions':
			return { status: 200, body: notifications.subscriptions };
		case 'POST /_emulator/notifications/settle':
			return notifications.settle().then(() => ({ status: 200, body: { settled: true } }));
		case 'POST /_emulator/notifications/emit':
			return emitNotification(state, body ?? {}).then(
				(result) => ({ status: 200, body: result }),
				(error) => ({
					status: error instanceof UnknownIdError ? 404 : 400,
					body: { error: error instanceof Error ? error.message : String(error) },
				}),
			);
		case 'POST /_emulator/notifications/hmac-encoding':
			if (!isRecord(body)) throw new TypeError('body must be {"encoding": "base64" | "hex"}');
			notifications.setHmacEncoding(body.encoding);
			return { status: 200, body: { hmacEncoding: notifications.hmacEncoding } };
		case 'POST /_emulator/notifications/redelivery-delay':
			if (!isRecord(body)) throw new TypeError('body must be {"ms": <milliseconds>}');
			notifications.setRedeliveryDelay(body.ms);
			return { status: 200, body: { redeliveryDelayMs: notifications.redeliveryDelayMs } };
	}
	return undefined;
}

module.exports = {
	Notifications,
	UnknownIdError,
	EVENT_CATALOGUE,
	emitNotification,
	notifyOrderCreated,
	notifyReturnOpened,
	getEventTypes,
	createSubscription,
	getAllSubscriptions,
	updateSubscription,
	deleteSubscription,
	testNotification,
	handleNotificationControl,
};
