// @ts-check
// POST /v3/orders/{purchaseOrderId}/shipping: ships open quantity with tracking, all-or-nothing,
// or (processMode PARTIAL_UPDATE) corrects the tracking of quantity already shipped.

const { invalidContent, contentNotFound } = require('./errors');
const { renderOrder } = require('./orders');
const {
	requireObject,
	requireNonEmptyArray,
	requireString,
	requireLineNumber,
	requireOneOf,
} = require('./validate');
const {
	CARRIERS,
	SHIP_METHOD_CODES,
	UNITS_OF_MEASUREMENT,
	MAX_SELLER_ORDER_ID_LENGTH,
} = require('./constants');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').OrderLineStatus} OrderLineStatus */
/** @typedef {import('./types').LineStatus} LineStatus */
/** @typedef {import('./types').TrackingInfo} TrackingInfo */
/** @typedef {import('./types').ReturnCenterAddress} ReturnCenterAddress */
/** @typedef {import('./routes').BusinessContext} BusinessContext */
/**
 * @typedef {{
 *   field: string,
 *   quantity: number,
 *   trackingInfo: TrackingInfo,
 *   returnCenterAddress?: ReturnCenterAddress,
 *   currentTrackingNumber?: string,
 * }} ShipPackage
 * One orderLineStatus entry of the request: a package with its tracking.
 *
 * @typedef {{
 *   lineNumber: string,
 *   field: string,
 *   sellerOrderId?: string,
 *   intentToCancelOverride: boolean,
 *   packages: ShipPackage[],
 * }} ShipLineRequest
 */

const API = 'GMP_ORDER_API';
const PARTIAL_UPDATE = 'PARTIAL_UPDATE';
const OPEN_STATUSES = /** @type {const} */ (['Acknowledged', 'Created']);
// When nothing is open, the message names the furthest status the line has reached.
const BLOCKING_STATUS_ORDER = /** @type {const} */ (['Delivered', 'Shipped', 'Cancelled']);
// Seller clocks drift; a ship date a little ahead of Walmart's clock is not "in the future".
const SHIP_DATE_SKEW_MS = 5 * 60 * 1000;

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {string | undefined}
 */
function optionalString(value, field) {
	if (value === undefined) return undefined;
	return requireString(API, value, field);
}

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {ReturnCenterAddress | undefined}
 */
function parseReturnCenterAddress(value, field) {
	if (value === undefined) return undefined;
	const address = requireObject(API, value, field);
	/** @type {ReturnCenterAddress} */
	const parsed = {
		address1: requireString(API, address.address1, `${field}.address1`),
		city: requireString(API, address.city, `${field}.city`),
		state: requireString(API, address.state, `${field}.state`),
		postalCode: requireString(API, address.postalCode, `${field}.postalCode`),
		country: requireString(API, address.country, `${field}.country`),
	};
	for (const key of /** @type {const} */ (['name', 'address2', 'dayPhone', 'emailId'])) {
		const optional = optionalString(address[key], `${field}.${key}`);
		if (optional !== undefined) parsed[key] = optional;
	}
	return parsed;
}

/**
 * @param {unknown} value
 * @param {string} field
 * @param {string} lineNumber
 * @returns {TrackingInfo}
 */
function parseTrackingInfo(value, field, lineNumber) {
	const tracking = requireObject(API, value, field);
	const shipDateTime = tracking.shipDateTime;
	if (typeof shipDateTime !== 'number' || !Number.isInteger(shipDateTime) || shipDateTime < 0) {
		throw invalidContent(
			API,
			`${field}.shipDateTime`,
			`${field}.shipDateTime is required and must be a time in epoch milliseconds, e.g. 1580821866000 (got ${JSON.stringify(shipDateTime)}).`,
		);
	}
	const carrierName = requireObject(API, tracking.carrierName, `${field}.carrierName`);
	const { carrier, otherCarrier } = carrierName;
	if ((carrier === undefined) === (otherCarrier === undefined)) {
		throw invalidContent(
			API,
			`${field}.carrierName`,
			`${field}.carrierName needs exactly one of carrier (a carrier Walmart lists) or otherCarrier (any other carrier name, with trackingURL).`,
		);
	}
	if (carrier !== undefined && !CARRIERS.some((candidate) => candidate === carrier)) {
		throw invalidContent(
			API,
			`${field}.carrierName.carrier`,
			`Invalid carrier ${JSON.stringify(carrier)}. Use one of Walmart's carrier names exactly as spelled (e.g. UPS, USPS, FedEx, DHL, OnTrac), or send the name as otherCarrier with a trackingURL.`,
		);
	}
	const methodCode = tracking.methodCode;
	if (methodCode === undefined) {
		throw invalidContent(
			API,
			`${field}.methodCode`,
			`${field}.methodCode is required. Allowed values: ${SHIP_METHOD_CODES.join(', ')}.`,
		);
	}
	if (!SHIP_METHOD_CODES.some((candidate) => candidate === methodCode)) {
		// Walmart's own wording for this case, which names the line rather than the field path.
		throw invalidContent(
			API,
			'methodCode',
			`Method code is not supported in line number ${lineNumber}`,
		);
	}
	const trackingNumber = requireString(API, tracking.trackingNumber, `${field}.trackingNumber`);
	const trackingURL = optionalString(tracking.trackingURL, `${field}.trackingURL`);
	if (otherCarrier !== undefined) {
		requireString(API, otherCarrier, `${field}.carrierName.otherCarrier`);
		if (trackingURL === undefined) {
			throw invalidContent(
				API,
				`${field}.trackingURL`,
				`${field}.trackingURL is required when carrierName.otherCarrier is used.`,
			);
		}
	}
	return {
		shipDateTime,
		carrierName:
			carrier === undefined ? { otherCarrier: String(otherCarrier) } : { carrier: String(carrier) },
		methodCode: String(methodCode),
		trackingNumber,
		...(trackingURL === undefined ? {} : { trackingURL }),
	};
}

/**
 * @param {unknown} rawEntry
 * @param {string} field
 * @param {string} lineNumber
 * @returns {ShipPackage}
 */
function parsePackage(rawEntry, field, lineNumber) {
	const entry = requireObject(API, rawEntry, field);
	if (entry.status !== 'Shipped') {
		throw invalidContent(
			API,
			`${field}.status`,
			`${field}.status must be 'Shipped' (got ${JSON.stringify(entry.status)}).`,
		);
	}
	const quantity = requireObject(API, entry.statusQuantity, `${field}.statusQuantity`);
	requireOneOf(
		API,
		quantity.unitOfMeasurement,
		`${field}.statusQuantity.unitOfMeasurement`,
		UNITS_OF_MEASUREMENT,
	);
	const amount = quantity.amount;
	if (typeof amount !== 'string' || !/^[1-9]\d*$/.test(amount)) {
		throw invalidContent(
			API,
			`${field}.statusQuantity.amount`,
			`${field}.statusQuantity.amount must be a positive whole number as a string, e.g. "1" (got ${JSON.stringify(amount)}).`,
		);
	}
	const trackingInfo = parseTrackingInfo(entry.trackingInfo, `${field}.trackingInfo`, lineNumber);
	if (entry.asn !== undefined) {
		const asn = requireObject(API, entry.asn, `${field}.asn`);
		requireString(API, asn.packageASN, `${field}.asn.packageASN`);
		optionalString(asn.palletASN, `${field}.asn.palletASN`);
	}
	const returnCenterAddress = parseReturnCenterAddress(
		entry.returnCenterAddress,
		`${field}.returnCenterAddress`,
	);
	/** @type {ShipPackage} */
	const parsed = { field, quantity: Number(amount), trackingInfo };
	if (returnCenterAddress !== undefined) parsed.returnCenterAddress = returnCenterAddress;
	if (entry.currentTrackingInfo !== undefined) {
		const current = requireObject(API, entry.currentTrackingInfo, `${field}.currentTrackingInfo`);
		parsed.currentTrackingNumber = requireString(
			API,
			current.trackingNumber,
			`${field}.currentTrackingInfo.trackingNumber`,
		);
	}
	return parsed;
}

/**
 * @param {unknown} body
 * @returns {{ partialUpdate: boolean, lines: ShipLineRequest[] }}
 */
function parseShipment(body) {
	const root = requireObject(API, body, 'orderShipment');
	const shipment = requireObject(API, root.orderShipment, 'orderShipment');
	const processMode = shipment.processMode;
	if (processMode !== undefined && processMode !== PARTIAL_UPDATE) {
		throw invalidContent(
			API,
			'orderShipment.processMode',
			`Invalid processMode ${JSON.stringify(processMode)}. Leave it out to ship, or send '${PARTIAL_UPDATE}' to correct the tracking of quantity already shipped.`,
		);
	}
	const orderLines = requireObject(API, shipment.orderLines, 'orderShipment.orderLines');
	const rawLines = requireNonEmptyArray(
		API,
		orderLines.orderLine,
		'orderShipment.orderLines.orderLine',
	);
	const seen = new Set();
	const lines = rawLines.map((rawLine, lineIndex) => {
		const field = `orderShipment.orderLines.orderLine[${lineIndex}]`;
		const line = requireObject(API, rawLine, field);
		const lineNumber = requireLineNumber(API, line.lineNumber, `${field}.lineNumber`);
		if (seen.has(lineNumber)) {
			throw invalidContent(
				API,
				`${field}.lineNumber`,
				`lineNumber ${lineNumber} appears more than once in this request. Send each line once, with one orderLineStatus entry per package.`,
			);
		}
		seen.add(lineNumber);
		const sellerOrderId = optionalString(line.sellerOrderId, `${field}.sellerOrderId`);
		if (sellerOrderId !== undefined && sellerOrderId.length > MAX_SELLER_ORDER_ID_LENGTH) {
			throw invalidContent(
				API,
				`${field}.sellerOrderId`,
				`${field}.sellerOrderId can have at most ${MAX_SELLER_ORDER_ID_LENGTH} characters (got ${sellerOrderId.length}).`,
			);
		}
		const override = line.intentToCancelOverride ?? false;
		if (typeof override !== 'boolean') {
			throw invalidContent(
				API,
				`${field}.intentToCancelOverride`,
				`${field}.intentToCancelOverride must be true or false.`,
			);
		}
		const statuses = requireObject(API, line.orderLineStatuses, `${field}.orderLineStatuses`);
		const entries = requireNonEmptyArray(
			API,
			statuses.orderLineStatus,
			`${field}.orderLineStatuses.orderLineStatus`,
		);
		const packages = entries.map((rawEntry, entryIndex) =>
			parsePackage(
				rawEntry,
				`${field}.orderLineStatuses.orderLineStatus[${entryIndex}]`,
				lineNumber,
			),
		);
		/** @type {ShipLineRequest} */
		const parsed = { lineNumber, field, intentToCancelOverride: override, packages };
		if (sellerOrderId !== undefined) parsed.sellerOrderId = sellerOrderId;
		return parsed;
	});
	return { partialUpdate: processMode === PARTIAL_UPDATE, lines };
}

/**
 * @param {OrderLine} line
 * @param {readonly LineStatus[]} statuses
 */
function quantityIn(line, statuses) {
	return line.orderLineStatuses.orderLineStatus
		.filter((entry) => statuses.includes(entry.status))
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
}

/** @param {OrderLine} line */
function furthestStatus(line) {
	return BLOCKING_STATUS_ORDER.find((status) => quantityIn(line, [status]) > 0) ?? 'Cancelled';
}

/** @param {string} purchaseOrderId */
function overShipped(purchaseOrderId) {
	return invalidContent(
		API,
		'data',
		`INVALID_REQUEST_CONTENT :: Failed when called shipConfirm API for ${purchaseOrderId}. Qty OverShipped : Some or All Line(s)/Qty cannot be Shipped due to invalid Lines Or invalid Qty Or Qty more than allowed`,
	);
}

/**
 * @param {Order} order
 * @param {ShipLineRequest} request
 * @param {number} now
 */
function checkShipDates(order, request, now) {
	// Walmart's clock is the emulator clock, but a client may use the real one; either will do.
	const latest = Math.max(now, Date.now()) + SHIP_DATE_SKEW_MS;
	for (const { field, trackingInfo } of request.packages) {
		const { shipDateTime } = trackingInfo;
		if (shipDateTime > latest) {
			throw invalidContent(
				API,
				`${field}.trackingInfo.shipDateTime`,
				`shipDateTime ${new Date(shipDateTime).toISOString()} of Line: ${request.lineNumber} of PO: ${order.purchaseOrderId} is in the future.`,
			);
		}
		if (shipDateTime < order.orderDate) {
			throw invalidContent(
				API,
				`${field}.trackingInfo.shipDateTime`,
				`shipDateTime ${new Date(shipDateTime).toISOString()} of Line: ${request.lineNumber} of PO: ${order.purchaseOrderId} is before the order date ${new Date(order.orderDate).toISOString()}.`,
			);
		}
	}
}

/**
 * Refuses the whole request if any line cannot ship as asked.
 * @param {Order} order
 * @param {ShipLineRequest[]} requests
 * @param {number} now
 * @returns {{ line: OrderLine, request: ShipLineRequest }[]}
 */
function checkShippable(order, requests, now) {
	const po = order.purchaseOrderId;
	return requests.map((request) => {
		const line = order.orderLines.orderLine.find(
			(candidate) => candidate.lineNumber === request.lineNumber,
		);
		if (line === undefined) throw overShipped(po);
		checkShipDates(order, request, now);
		const open = quantityIn(line, OPEN_STATUSES);
		if (open === 0) {
			throw invalidContent(
				API,
				'data',
				`Unable to process this request. The Line: ${line.lineNumber} of PO: ${po} is in ${furthestStatus(line).toUpperCase()} status`,
			);
		}
		const requested = request.packages.reduce((sum, entry) => sum + entry.quantity, 0);
		if (requested > open) throw overShipped(po);
		if (line.intentToCancel !== undefined && !request.intentToCancelOverride) {
			throw invalidContent(
				API,
				`${request.field}.intentToCancelOverride`,
				`Unable to process this request. The customer has asked to cancel Line: ${line.lineNumber} of PO: ${po} (intentToCancel). Cancel the line, or ship it anyway with intentToCancelOverride: true.`,
			);
		}
		return { line, request };
	});
}

/**
 * @param {TrackingInfo} a
 * @param {TrackingInfo} b
 */
function samePackage(a, b) {
	return (
		a.trackingNumber === b.trackingNumber &&
		a.carrierName.carrier === b.carrierName.carrier &&
		a.carrierName.otherCarrier === b.carrierName.otherCarrier
	);
}

/**
 * Moves quantity out of Acknowledged first, then Created, into one Shipped entry per package;
 * a package whose carrier and tracking number match an existing Shipped entry adds to it.
 * @param {OrderLine} line
 * @param {ShipLineRequest} request
 * @param {number} now
 */
function applyShipment(line, request, now) {
	const statuses = line.orderLineStatuses.orderLineStatus;
	for (const shipped of request.packages) {
		let remaining = shipped.quantity;
		for (const status of OPEN_STATUSES) {
			for (const entry of statuses) {
				if (entry.status !== status || remaining === 0) continue;
				const available = Number(entry.statusQuantity.amount);
				const taken = Math.min(available, remaining);
				entry.statusQuantity.amount = String(available - taken);
				remaining -= taken;
			}
		}
		const existing = statuses.find(
			(entry) =>
				entry.status === 'Shipped' &&
				entry.trackingInfo !== undefined &&
				samePackage(entry.trackingInfo, shipped.trackingInfo),
		);
		if (existing) {
			existing.statusQuantity.amount = String(
				Number(existing.statusQuantity.amount) + shipped.quantity,
			);
		} else {
			/** @type {OrderLineStatus} */
			const entry = {
				status: 'Shipped',
				statusQuantity: { unitOfMeasurement: 'EACH', amount: String(shipped.quantity) },
				trackingInfo: shipped.trackingInfo,
			};
			if (shipped.returnCenterAddress) entry.returnCenterAddress = shipped.returnCenterAddress;
			statuses.push(entry);
		}
	}
	line.orderLineStatuses.orderLineStatus = statuses.filter(
		(entry) => Number(entry.statusQuantity.amount) > 0,
	);
	if (request.sellerOrderId !== undefined) line.sellerOrderId = request.sellerOrderId;
	line.statusDate = now;
}

/**
 * Picks the Shipped entry a PARTIAL_UPDATE package corrects: the one named by
 * currentTrackingInfo.trackingNumber; else the one already carrying the new tracking number (a
 * carrier, method or URL fix); else the line's only Shipped entry.
 * @param {Order} order
 * @param {OrderLine} line
 * @param {ShipPackage} correction
 * @returns {OrderLineStatus}
 */
function correctedEntry(order, line, correction) {
	const where = `Line: ${line.lineNumber} of PO: ${order.purchaseOrderId}`;
	const shipped = line.orderLineStatuses.orderLineStatus.filter(
		(entry) => entry.status === 'Shipped',
	);
	if (shipped.length === 0) {
		const status = quantityIn(line, OPEN_STATUSES) > 0 ? 'unshipped' : furthestStatus(line);
		throw invalidContent(
			API,
			'data',
			`Unable to process this request. The ${where} has no Shipped quantity (it is ${status.toUpperCase()}); processMode ${PARTIAL_UPDATE} only corrects the tracking of shipped quantity.`,
		);
	}
	const current = correction.currentTrackingNumber;
	if (current !== undefined) {
		const named = shipped.find((entry) => entry.trackingInfo?.trackingNumber === current);
		if (named === undefined) {
			throw invalidContent(
				API,
				`${correction.field}.currentTrackingInfo.trackingNumber`,
				`No Shipped quantity of ${where} has tracking number '${current}'. Shipped tracking numbers: ${shipped.map((entry) => entry.trackingInfo?.trackingNumber).join(', ')}.`,
			);
		}
		return named;
	}
	const sameNumber = shipped.find(
		(entry) => entry.trackingInfo?.trackingNumber === correction.trackingInfo.trackingNumber,
	);
	if (sameNumber !== undefined) return sameNumber;
	if (shipped.length === 1) return shipped[0];
	throw invalidContent(
		API,
		`${correction.field}.currentTrackingInfo`,
		`${where} has ${shipped.length} shipped packages; name the one to correct with currentTrackingInfo.trackingNumber.`,
	);
}

/**
 * @param {Order} order
 * @param {ShipLineRequest[]} requests
 * @returns {{ entry: OrderLineStatus, correction: ShipPackage }[]}
 */
function planCorrections(order, requests) {
	/** @type {{ entry: OrderLineStatus, correction: ShipPackage }[]} */
	const planned = [];
	for (const request of requests) {
		const line = order.orderLines.orderLine.find(
			(candidate) => candidate.lineNumber === request.lineNumber,
		);
		if (line === undefined) {
			throw invalidContent(
				API,
				`${request.field}.lineNumber`,
				`Unable to process this request. The Line: ${request.lineNumber} does not exist in PO: ${order.purchaseOrderId}.`,
			);
		}
		for (const correction of request.packages) {
			const entry = correctedEntry(order, line, correction);
			if (planned.some((earlier) => earlier.entry === entry)) {
				throw invalidContent(
					API,
					correction.field,
					`${correction.field} corrects the same shipped package as an earlier entry of this request.`,
				);
			}
			planned.push({ entry, correction });
		}
	}
	return planned;
}

/**
 * The ship date stays as first reported; carrier, method, tracking number and URL are replaced.
 * @param {OrderLineStatus} entry
 * @param {ShipPackage} correction
 */
function applyCorrection(entry, correction) {
	const shipDateTime = entry.trackingInfo?.shipDateTime ?? correction.trackingInfo.shipDateTime;
	entry.trackingInfo = { ...correction.trackingInfo, shipDateTime };
	if (correction.returnCenterAddress) entry.returnCenterAddress = correction.returnCenterAddress;
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function shipOrderLines(request, context) {
	const purchaseOrderId = request.params.purchaseOrderId;
	const order = context.store.order(purchaseOrderId);
	if (order === undefined) {
		throw contentNotFound(
			API,
			`No purchase order found with purchaseOrderId '${purchaseOrderId}'.`,
		);
	}
	const { partialUpdate, lines } = parseShipment(request.body);
	if (order.shipNode.type === 'WFSFulfilled') {
		throw invalidContent(
			API,
			'data',
			`Unable to process this request. PO: ${purchaseOrderId} is fulfilled by Walmart Fulfillment Services (WFS); Walmart ships it and reports the tracking.`,
		);
	}
	if (partialUpdate) {
		for (const { entry, correction } of planCorrections(order, lines)) {
			applyCorrection(entry, correction);
		}
		for (const lineRequest of lines) {
			const line = order.orderLines.orderLine.find((l) => l.lineNumber === lineRequest.lineNumber);
			if (line && lineRequest.sellerOrderId !== undefined) {
				line.sellerOrderId = lineRequest.sellerOrderId;
			}
		}
	} else {
		for (const { line, request: lineRequest } of checkShippable(order, lines, context.now)) {
			applyShipment(line, lineRequest, context.now);
		}
	}
	order.lastModified = context.now;
	return {
		status: 200,
		body: { order: renderOrder(order, { productInfo: false, replacementInfo: false }) },
	};
}

module.exports = { shipOrderLines };
