// @ts-check
// HTTP plumbing: reads requests, logs them, applies injected faults and throttling, runs the
// matching handler and writes Walmart-shaped responses.

const http = require('node:http');
const { matchRoute } = require('./routes');
const { handleControl } = require('./control');
const { requireServiceHeaders, resolveMarket, readHeader } = require('./gateway');
const { authenticate } = require('./auth');
const { throttleHeaders } = require('./throttle');
const {
	WalmartError,
	throttled,
	systemError,
	unsupportedMediaType,
	malformedContent,
	errorItem,
} = require('./errors');

/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').Fault} Fault */
/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./state').EmulatorState} EmulatorState */
/** @typedef {import('./routes').Route} Route */
/** @typedef {import('./throttle').BucketState} BucketState */

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const UNMATCHED_BUCKET = 'unmatched';

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<{ text: string, tooLarge: boolean }>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
		req.on('error', reject);
	});
}

/**
 * The log shows what a client sent without leaking its credentials.
 * @param {http.IncomingHttpHeaders} headers
 * @returns {Record<string, string | string[] | undefined>}
 */
function redactHeaders(headers) {
	/** @type {Record<string, string | string[] | undefined>} */
	const copy = { ...headers };
	if (copy['wm_sec.access_token'] !== undefined) copy['wm_sec.access_token'] = '[REDACTED]';
	const authorization = copy.authorization;
	if (typeof authorization === 'string') {
		const scheme = authorization.trim().split(/\s+/)[0];
		copy.authorization = `${scheme} [REDACTED]`;
	}
	return copy;
}

const SECRET_AUTH_FIELDS = ['password', 'clientSecret'];

/**
 * Webhook subscriptions carry the seller's own secrets for Walmart to use; the log is shown to
 * users and in test output, so they are masked there wherever an authDetails object appears.
 * The parsed body the handler sees is a separate object and keeps them.
 * @param {unknown} value
 */
function redactAuthDetails(value) {
	if (Array.isArray(value)) {
		for (const item of value) redactAuthDetails(item);
		return;
	}
	if (typeof value !== 'object' || value === null) return;
	const record = /** @type {Record<string, unknown>} */ (value);
	for (const [key, child] of Object.entries(record)) {
		if (key === 'authDetails' && typeof child === 'object' && child !== null) {
			const auth = /** @type {Record<string, unknown>} */ (child);
			for (const secret of SECRET_AUTH_FIELDS) {
				if (auth[secret] !== undefined) auth[secret] = '[REDACTED]';
			}
		}
		redactAuthDetails(child);
	}
}

/**
 * @param {string} text
 * @param {string} contentType
 * @returns {unknown}
 */
function bodyForLog(text, contentType) {
	if (text === '') return undefined;
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	/** @type {unknown} */
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		return text;
	}
	redactAuthDetails(parsed);
	return parsed;
}

/**
 * @param {WalmartError} error
 * @returns {Reply}
 */
function errorReply(error) {
	return { status: error.status, body: error.body, headers: error.headers };
}

/**
 * @param {Route} route
 * @param {ApiRequest} request
 */
function parseJsonBody(route, request) {
	const contentType = (readHeader(request.headers, 'Content-Type') ?? '').toLowerCase();
	if (!contentType.includes('application/json')) {
		throw unsupportedMediaType(
			route.api,
			`Content-Type '${contentType || '(none)'}' is not supported. Send the body as application/json.`,
		);
	}
	try {
		return JSON.parse(request.rawBody);
	} catch {
		throw malformedContent(route.api, 'The request body is not valid JSON.');
	}
}

/**
 * @typedef {(
 *   | { admitted: true, market: import('./gateway').Market, bucket: BucketState }
 *   | { admitted: false, reply: Reply, bucket: BucketState }
 * )} Admission
 */

/**
 * The gateway's part of a request: headers, market, token, throttle and JSON body. What passes
 * here has reached Walmart's order or returns service, even if the client never hears back.
 * @param {EmulatorState} state
 * @param {Route} route
 * @param {ApiRequest} request
 * @param {{ expirePresentedToken: boolean }} options
 * @returns {Admission}
 */
function admit(state, route, request, options) {
	/** @type {BucketState | undefined} */
	let bucket;
	try {
		if (route.kind === 'token') {
			bucket = state.throttle.take(route.name);
			if (!bucket.allowed) throw throttleError(bucket);
			return { admitted: true, market: 'us', bucket };
		}
		requireServiceHeaders(request.headers);
		const market = resolveMarket(request.headers);
		if (options.expirePresentedToken) {
			const presented = readHeader(request.headers, 'WM_SEC.ACCESS_TOKEN');
			if (presented !== undefined) state.tokens.expire(presented);
		}
		authenticate(request.headers, state.tokens);
		bucket = state.throttle.take(route.name);
		if (!bucket.allowed) throw throttleError(bucket);
		if (route.jsonBody) request.body = parseJsonBody(route, request);
		return { admitted: true, market, bucket };
	} catch (error) {
		return {
			admitted: false,
			reply: replyForError(route, error),
			bucket: bucket ?? state.throttle.peek(route.name),
		};
	}
}

/**
 * Runs the handler against the state as it is now. Handlers are synchronous, so each write is
 * atomic: concurrent requests for one purchase order are applied one after the other. The one
 * asynchronous handler (the webhook test) answers a Promise, which callers await; a synchronous
 * reply is never awaited, so its serialisation still happens before another request can run.
 * @param {EmulatorState} state
 * @param {Route} route
 * @param {ApiRequest} request
 * @param {import('./gateway').Market} market
 * @returns {Reply | Promise<Reply>}
 */
function execute(state, route, request, market) {
	try {
		if (route.kind === 'token') return route.handle(request, state);
		const reply = route.handle(request, {
			store: state.store,
			now: state.clock(),
			market,
			chargeReading: state.chargeReading,
			orderCap: state.scale.orderCap,
			notifications: state.notifications,
		});
		return reply instanceof Promise ? reply.catch((error) => replyForError(route, error)) : reply;
	} catch (error) {
		return replyForError(route, error);
	}
}

/**
 * Runs the gateway checks and the handler. Returns the reply and the throttle state to report.
 * @param {EmulatorState} state
 * @param {Route} route
 * @param {ApiRequest} request
 * @param {{ expirePresentedToken: boolean }} options
 * @returns {{ reply: Reply | Promise<Reply>, bucket: BucketState }}
 */
function runRoute(state, route, request, options) {
	const admission = admit(state, route, request, options);
	if (!admission.admitted) return admission;
	return { reply: execute(state, route, request, admission.market), bucket: admission.bucket };
}

/**
 * @param {Route} route
 * @param {unknown} error
 * @returns {Reply}
 */
function replyForError(route, error) {
	return error instanceof WalmartError ? errorReply(error) : internalErrorReply(route, error);
}

/**
 * What the client would have been told, for the log of a request whose answer was withheld.
 * @param {Reply} reply
 * @returns {import('./types').RequestOutcome}
 */
function outcomeOf(reply) {
	if (reply.status < 300) return { status: reply.status };
	const body = /** @type {{ errors?: { error?: { code?: string, description?: string }[] } }} */ (
		reply.body ?? {}
	);
	const first = body.errors?.error?.[0];
	return first === undefined
		? { status: reply.status }
		: { status: reply.status, error: `${first.code}: ${first.description}` };
}

/** @param {BucketState} bucket */
function throttleError(bucket) {
	return throttled(
		`Request threshold exceeded for this API. Next request token at ${new Date(bucket.nextReplenishmentTime).toISOString()}.`,
		throttleHeaders(bucket),
	);
}

/**
 * A bug in the emulator surfaces as Walmart's 500 so clients see a realistic failure, while the
 * stack goes to stderr for whoever runs the emulator.
 * @param {Route} route
 * @param {unknown} error
 * @returns {Reply}
 */
function internalErrorReply(route, error) {
	process.stderr.write(
		`[walmart-emulator] handler error: ${error instanceof Error ? error.stack : String(error)}\n`,
	);
	return errorReply(systemError(500, route.api));
}

/**
 * @param {Fault & { type: 'serverError' }} fault
 * @param {Route} route
 * @returns {Reply}
 */
function serverErrorReply(fault, route) {
	const status = fault.status ?? 500;
	// An unreachable gateway answers a bare status, so 503 is bare unless asked otherwise.
	const bare = fault.bare ?? status === 503;
	if (bare) {
		const reason = http.STATUS_CODES[status] ?? 'Error';
		return { status, body: undefined, rawBody: reason, contentType: 'text/plain' };
	}
	if (status === 503) {
		return {
			status,
			body: {
				errors: {
					error: [
						errorItem('SYSTEM_ERROR', route.api, 'data', 'Service temporarily unavailable.', {
							category: 'SYSTEM',
						}),
					],
				},
			},
		};
	}
	return errorReply(systemError(status, route.api));
}

/**
 * @param {Reply} reply
 * @returns {Reply}
 */
function serialise(reply) {
	if (reply.rawBody !== undefined || reply.body === undefined) return reply;
	return { ...reply, rawBody: JSON.stringify(reply.body) };
}

/**
 * @param {http.ServerResponse} res
 * @param {Reply} reply
 * @param {Record<string, string>} extraHeaders
 */
function send(res, reply, extraHeaders) {
	const text = reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
	// Encoded once: measuring the string and then writing it would encode a page of 200 orders
	// twice.
	const bytes = Buffer.from(text, 'utf8');
	res.writeHead(reply.status, {
		'Content-Type': `${reply.contentType ?? 'application/json'}; charset=utf-8`,
		'Content-Length': String(bytes.length),
		...extraHeaders,
		...(reply.headers ?? {}),
	});
	res.end(bytes);
}

/**
 * @param {EmulatorState} state
 * @returns {{ server: http.Server, cancelPendingWork: () => void }}
 */
function createEmulatorServer(state) {
	/** @type {Set<{ timer: NodeJS.Timeout, resolve: () => void }>} */
	const pendingDelays = new Set();

	/** @param {number} ms */
	function delay(ms) {
		return new Promise((resolve) => {
			const pending = {
				timer: setTimeout(() => {
					pendingDelays.delete(pending);
					resolve(undefined);
				}, ms),
				resolve: () => resolve(undefined),
			};
			pendingDelays.add(pending);
		});
	}

	/** @type {Set<NodeJS.Timeout>} */
	const holdTimers = new Set();

	function cancelPendingWork() {
		for (const pending of pendingDelays) {
			clearTimeout(pending.timer);
			pending.resolve();
		}
		pendingDelays.clear();
		for (const timer of holdTimers) clearTimeout(timer);
		holdTimers.clear();
		state.lateWrites.cancelAll();
		state.notifications.cancelAll();
	}

	/**
	 * Leaves the request unanswered: the socket stays open until the client gives up, or is
	 * destroyed after `holdMs`, as when Walmart's gateway times out upstream.
	 * @param {http.IncomingMessage} req
	 * @param {RequestLogEntry} entry
	 * @param {number | undefined} holdMs
	 */
	function holdWithoutAnswer(req, entry, holdMs) {
		const socket = req.socket;
		if (socket.destroyed) {
			entry.status = 0;
			return;
		}
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		socket.once('close', () => {
			if (entry.status === null) entry.status = 0;
			if (timer !== undefined) {
				clearTimeout(timer);
				holdTimers.delete(timer);
			}
		});
		if (holdMs !== undefined) {
			const destroyAfterHold = setTimeout(() => {
				holdTimers.delete(destroyAfterHold);
				entry.status = 0;
				socket.destroy();
			}, holdMs);
			timer = destroyAfterHold;
			holdTimers.add(destroyAfterHold);
		}
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async function onRequest(req, res) {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://emulator.invalid');
		const path = url.pathname;
		const body = await readBody(req);

		if (path === '/_emulator' || path.startsWith('/_emulator/')) {
			/** @type {unknown} */
			let parsed;
			try {
				parsed = body.text.trim() === '' ? undefined : JSON.parse(body.text);
			} catch {
				send(res, { status: 400, body: { error: 'body is not valid JSON' } }, {});
				return;
			}
			const controlReply = handleControl(state, method, path, parsed);
			send(res, controlReply instanceof Promise ? await controlReply : controlReply, {});
			return;
		}

		const contentType = readHeader(req.headers, 'Content-Type') ?? '';
		const entry = state.log.start({
			method,
			path,
			query: url.search,
			headers: redactHeaders(req.headers),
			body: bodyForLog(body.text, contentType.toLowerCase()),
			time: Date.now(),
		});

		/** @type {{ route: Route, params: Record<string, string> } | undefined} */
		let matched;
		try {
			matched = matchRoute(method, path);
		} catch (error) {
			const reply = error instanceof WalmartError ? errorReply(error) : { status: 500, body: {} };
			finish(res, entry, reply, throttleHeaders(state.throttle.peek(UNMATCHED_BUCKET)));
			return;
		}
		const { route, params } = matched;
		if (body.tooLarge) {
			const reply = errorReply(
				new WalmartError(413, [
					errorItem(
						'PAYLOAD_TOO_LARGE',
						route.api,
						'body',
						`Request body exceeds ${MAX_BODY_BYTES} bytes.`,
					),
				]),
			);
			finish(res, entry, reply, throttleHeaders(state.throttle.peek(route.name)));
			return;
		}

		const fault = state.faults.take(method, path);
		if (fault) entry.fault = fault.type;
		if (fault?.type === 'drop' && fault.when !== 'after') {
			drop(req, entry);
			return;
		}

		/** @type {ApiRequest} */
		const request = {
			method,
			path,
			query: url.searchParams,
			rawQuery: url.search,
			headers: req.headers,
			rawBody: body.text,
			body: undefined,
			params,
		};
		if (fault?.type === 'late') {
			holdWithoutAnswer(req, entry, fault.holdMs);
			// A read has nothing to apply later; it just never gets its answer.
			if (method !== 'GET') acceptLate(state, route, request, entry, fault.applyAfterMs);
			return;
		}

		/** @type {Reply} */
		let reply;
		/** @type {Record<string, string>} */
		let headers;
		if (fault?.type === 'throttle') {
			const replenishAt = Date.now() + (fault.replenishInMs ?? 1000);
			headers = { 'X-Current-Token-Count': '0', 'X-Next-Replenishment-Time': String(replenishAt) };
			reply = errorReply(
				throttled(
					`Request threshold exceeded for this API. Next request token at ${new Date(replenishAt).toISOString()}.`,
					headers,
				),
			);
		} else if (fault?.type === 'malformed') {
			// A 200 that is not Walmart's answer; nothing is applied.
			reply = { status: 200, body: undefined, rawBody: fault.body, contentType: fault.contentType };
			headers = {};
		} else if (fault?.type === 'serverError') {
			if (fault.applied) {
				// Walmart did the work, then something between it and the client failed.
				const applied = runRoute(state, route, request, { expirePresentedToken: false });
				entry.outcome = outcomeOf(
					applied.reply instanceof Promise ? await applied.reply : applied.reply,
				);
			}
			reply = serverErrorReply(fault, route);
			headers = throttleHeaders(state.throttle.peek(route.name));
		} else {
			const outcome = runRoute(state, route, request, {
				expirePresentedToken: fault?.type === 'expireToken',
			});
			reply = outcome.reply instanceof Promise ? await outcome.reply : outcome.reply;
			headers = throttleHeaders(outcome.bucket);
		}

		if (fault?.type === 'drop') {
			entry.outcome = outcomeOf(reply);
			drop(req, entry);
			return;
		}
		// Rendered bodies share objects with the store; freeze them as text before any delay
		// lets another request change the state.
		reply = serialise(reply);
		// Injected latency stands for the network and Walmart's own work, paid by every answer.
		if (state.scale.latencyMs > 0) await delay(state.scale.latencyMs);
		if (fault?.type === 'slow') {
			await delay(fault.delayMs);
			if (res.destroyed || req.socket.destroyed) {
				entry.status = 0;
				return;
			}
		}
		finish(res, entry, reply, headers);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((error) => {
			process.stderr.write(
				`[walmart-emulator] ${error instanceof Error ? error.stack : String(error)}\n`,
			);
			if (!res.headersSent) {
				send(res, { status: 500, body: { error: 'emulator failure' } }, {});
			}
		});
	});
	return { server, cancelPendingWork };
}

/**
 * Takes a `late` write: the gateway checks run now, the write itself once it is due, against the
 * state at that moment. A write that no longer fits then (say, nothing left to refund) is refused
 * there, as Walmart would, and only the log shows it.
 * @param {EmulatorState} state
 * @param {Route} route
 * @param {ApiRequest} request
 * @param {RequestLogEntry} entry
 * @param {number} applyAfterMs
 */
function acceptLate(state, route, request, entry, applyAfterMs) {
	const late = { applyAt: entry.time + applyAfterMs, state: /** @type {const} */ ('pending') };
	entry.late = late;
	const admission = admit(state, route, request, { expirePresentedToken: false });
	if (!admission.admitted) {
		entry.late = { ...late, state: 'rejected' };
		entry.outcome = outcomeOf(admission.reply);
		return;
	}
	state.lateWrites.schedule(entry, () => {
		/** @param {Reply} reply */
		const record = (reply) => {
			entry.outcome = outcomeOf(reply);
			entry.late = { ...late, state: reply.status < 300 ? 'applied' : 'rejected' };
		};
		const reply = execute(state, route, request, admission.market);
		if (reply instanceof Promise) reply.then(record);
		else record(reply);
	});
}

/**
 * @param {http.ServerResponse} res
 * @param {RequestLogEntry} entry
 * @param {Reply} reply
 * @param {Record<string, string>} headers
 */
function finish(res, entry, reply, headers) {
	entry.status = reply.status;
	send(res, reply, headers);
}

/**
 * Ends the connection with no response, like a network failure or a proxy timeout.
 * @param {http.IncomingMessage} req
 * @param {RequestLogEntry} entry
 */
function drop(req, entry) {
	entry.status = 0;
	req.socket.destroy();
}

module.exports = { createEmulatorServer };
