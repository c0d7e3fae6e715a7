// @ts-check
// Things that happen at Walmart while a client is polling: the clock moves on, customers order,
// lines are acknowledged, shipped, delivered, cancelled or refunded, returns are opened and
// progress. Tests drive them here so that events arrive between polls, in the same second or
// during an outage, and then check that a trigger saw each one once. This is test plumbing: it
// changes the state directly, without Walmart's request rules (use the /v3 routes for those).

const { isRecord, clone, toCents, fromCents } = require('./util');
const { isoWithMillis, floorToSecond, DAY_MS } = require('./dates');
const {
	SHIP_NODE_TYPES,
	RETURN_STATUSES,
	RETURN_TYPES,
	RETURN_REFUND_STATUS,
	REFUND_REASONS,
	CANCELLATION_REASONS_BY_MARKET,
} = require('./constants');
const { notifyOrderCreated, notifyReturnOpened } = require('./notifications');

/** @typedef {import('./state').EmulatorState} EmulatorState */
/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').OrderLineStatus} OrderLineStatus */
/** @typedef {import('./types').LineStatus} LineStatus */
/** @typedef {import('./types').TrackingInfo} TrackingInfo */
/** @typedef {import('./types').ShipNodeType} ShipNodeType */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {import('./types').ReturnOrderLine} ReturnOrderLine */
/** @typedef {import('./types').ReturnStatus} ReturnStatus */

/**
 * @typedef {{
 *   purchaseOrderId?: string,
 *   customerOrderId?: string,
 *   orderDate?: number,
 *   shipNodeType?: ShipNodeType,
 *   lines?: { sku?: string, productName?: string, quantity?: number, unitPrice?: number }[],
 * }} NewOrder
 * `orderDate` defaults to the emulator clock; an earlier one models an order Walmart lists late
 * (it is listed now, dated then). Lines default to one line of quantity 1.
 *
 * @typedef {{
 *   status: 'Acknowledged' | 'Shipped' | 'Delivered' | 'Cancelled',
 *   quantity?: number,
 *   trackingNumber?: string,
 *   carrier?: string,
 *   cancellationReason?: string,
 * }} LineMove
 * `quantity` defaults to every unit that can make the move.
 *
 * @typedef {{ amount: number, tax?: number, chargeType?: 'PRODUCT' | 'SHIPPING', reason?: string }} LineRefund
 *
 * @typedef {{
 *   purchaseOrderId: string,
 *   lines?: { lineNumber: string, quantity?: number }[],
 *   returnType?: 'REFUND' | 'REPLACEMENT',
 *   returnOrderDate?: number,
 * }} NewReturn
 * Lines default to the order's first shipped or delivered line, all of its shipped units.
 *
 * @typedef {{ status?: ReturnStatus, refundedQuantity?: number }} ReturnLineMove
 */

// Where each move takes its units from, in order.
/** @type {Record<LineMove['status'], LineStatus[]>} */
const SOURCES = {
	Acknowledged: ['Created'],
	Shipped: ['Acknowledged', 'Created'],
	Delivered: ['Shipped'],
	Cancelled: ['Created', 'Acknowledged'],
};

const MAX_LINES = 300;
const HORIZON_MS = 180 * DAY_MS;

/**
 * @param {unknown} value
 * @param {string} name
 * @param {number} min
 * @param {number} max
 * @returns {number}
 */
function wholeNumber(value, name, min, max) {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`${name} must be a whole number from ${min} to ${max}`);
	}
	return value;
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
function optionalText(value, name) {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new TypeError(`${name} must be a non-empty string`);
	}
	return value.trim();
}

/**
 * The smallest free ID of the form prefix + sequence number; a leading 8 (orders) or 3 (returns)
 * keeps them apart from seeded IDs, so the same steps give the same IDs after a reset.
 * @param {string} prefix
 * @param {number} length
 * @param {(id: string) => boolean} taken
 */
function nextFreeId(prefix, length, taken) {
	for (let sequence = 1; ; sequence++) {
		const id = prefix + String(sequence).padStart(length - prefix.length, '0');
		if (!taken(id)) return id;
	}
}

/**
 * @template T
 * @param {T[]} list newest first
 * @param {T} entry
 * @param {(a: T, b: T) => number} newestFirst
 */
function insertSorted(list, entry, newestFirst) {
	const index = list.findIndex((existing) => newestFirst(entry, existing) < 0);
	if (index < 0) list.push(entry);
	else list.splice(index, 0, entry);
}

/**
 * @param {Order} a
 * @param {Order} b
 */
function newestOrderFirst(a, b) {
	if (a.orderDate !== b.orderDate) return b.orderDate - a.orderDate;
	return a.purchaseOrderId < b.purchaseOrderId ? 1 : -1;
}

/**
 * @param {ReturnOrder} a
 * @param {ReturnOrder} b
 */
function newestReturnFirst(a, b) {
	const byDate = Date.parse(b.returnOrderDate) - Date.parse(a.returnOrderDate);
	return byDate !== 0 ? byDate : a.returnOrderId < b.returnOrderId ? 1 : -1;
}

/**
 * @param {EmulatorState} state
 * @param {number} ms
 * @returns {number} the clock after the move
 */
function advanceClock(state, ms) {
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
		throw new RangeError('advanceMs must be a number of milliseconds, 0 or more');
	}
	state.clockBase += ms;
	return state.clock();
}

/**
 * @param {EmulatorState} state
 * @param {unknown} input
 * @returns {Order}
 */
function createOrder(state, input = {}) {
	if (!isRecord(input)) throw new TypeError('the order must be an object');
	const store = state.store;
	const now = floorToSecond(state.clock());
	const orderDate = input.orderDate === undefined ? now : input.orderDate;
	if (typeof orderDate !== 'number' || !Number.isInteger(orderDate)) {
		throw new TypeError('orderDate must be epoch milliseconds');
	}
	if (orderDate > state.clock() || orderDate < now - HORIZON_MS) {
		throw new RangeError('orderDate must lie between 180 days ago and the emulator clock');
	}
	const shipNodeType = input.shipNodeType ?? 'SellerFulfilled';
	const nodeType = SHIP_NODE_TYPES.find((candidate) => candidate === shipNodeType);
	if (nodeType === undefined) {
		throw new RangeError(`shipNodeType must be one of ${SHIP_NODE_TYPES.join(', ')}`);
	}
	const purchaseOrderId =
		optionalText(input.purchaseOrderId, 'purchaseOrderId') ??
		nextFreeId('8', 13, (id) => store.order(id) !== undefined);
	if (store.order(purchaseOrderId)) throw new RangeError(`order ${purchaseOrderId} exists`);
	const customerOrderId =
		optionalText(input.customerOrderId, 'customerOrderId') ??
		nextFreeId('81', 13, (id) => store.orders.some((order) => order.customerOrderId === id));
	const specs = input.lines === undefined ? [{}] : input.lines;
	if (!Array.isArray(specs) || specs.length < 1 || specs.length > MAX_LINES) {
		throw new RangeError(`lines must be a list of 1 to ${MAX_LINES} lines`);
	}
	/** @type {OrderLine[]} */
	const lines = specs.map((spec, index) => {
		if (!isRecord(spec)) throw new TypeError(`lines[${index}] must be an object`);
		const quantity = wholeNumber(spec.quantity ?? 1, `lines[${index}].quantity`, 1, 100);
		const unitPrice = spec.unitPrice ?? 19.99;
		if (typeof unitPrice !== 'number' || !(unitPrice > 0)) {
			throw new RangeError(`lines[${index}].unitPrice must be a positive number`);
		}
		const priceCents = toCents(unitPrice);
		return {
			lineNumber: String(index + 1),
			item: {
				productName:
					optionalText(spec.productName, `lines[${index}].productName`) ?? 'Emulator live item',
				sku: optionalText(spec.sku, `lines[${index}].sku`) ?? `LIVE-SKU-${index + 1}`,
				condition: 'New',
				imageUrl: 'https://i5.walmartimages.com/asr/emulator-live-item.jpeg',
				weight: { value: '1', unit: 'Pounds' },
			},
			charges: {
				charge: [
					{
						chargeType: 'PRODUCT',
						chargeName: 'ItemPrice',
						chargeAmount: { currency: 'USD', amount: fromCents(priceCents) },
						tax: {
							taxName: 'Tax1',
							taxAmount: { currency: 'USD', amount: fromCents(Math.round(priceCents * 0.07)) },
						},
					},
				],
			},
			orderLineQuantity: { unitOfMeasurement: 'EACH', amount: String(quantity) },
			statusDate: orderDate,
			orderLineStatuses: {
				orderLineStatus: [
					{
						status: 'Created',
						statusQuantity: { unitOfMeasurement: 'EACH', amount: String(quantity) },
					},
				],
			},
			fulfillment: {
				fulfillmentOption: 'S2H',
				shipMethod: 'STANDARD',
				pickUpDateTime: orderDate + 2 * DAY_MS,
			},
		};
	});
	const totalCents = lines.reduce((sum, line) => {
		const [charge] = line.charges.charge;
		const units = Number(line.orderLineQuantity.amount);
		return (
			sum +
			units * (toCents(charge.chargeAmount.amount) + toCents(charge.tax?.taxAmount.amount ?? 0))
		);
	}, 0);
	const estimatedShipDate = orderDate + DAY_MS;
	/** @type {Order} */
	const order = {
		purchaseOrderId,
		customerOrderId,
		customerEmailId: `LIVE${purchaseOrderId}@relay.walmart.com`,
		orderType: 'REGULAR',
		orderDate,
		shippingInfo: {
			phone: '5555550100',
			estimatedDeliveryDate: estimatedShipDate + 3 * DAY_MS,
			estimatedShipDate,
			methodCode: 'Standard',
			postalAddress: {
				name: 'Live Customer',
				address1: '1 Emulator Way',
				city: 'Bentonville',
				state: 'AR',
				postalCode: '72716',
				country: 'USA',
				addressType: 'RESIDENTIAL',
			},
		},
		orderLines: { orderLine: lines },
		paymentTypes: ['CREDITCARD'],
		orderSummary: { totalAmount: { currencyAmount: fromCents(totalCents), currencyUnit: 'USD' } },
		shipNode: {
			type: nodeType,
			name: nodeType === 'SellerFulfilled' ? 'Emulator Seller Warehouse' : `Emulator ${nodeType}`,
			id: nodeType === 'SellerFulfilled' ? '730120' : '730121',
		},
		// Walmart filters lastModified on when the order changed, which for a late-listed order is
		// when it was listed, not its order date.
		lastModified: now,
	};
	insertSorted(store.orders, order, newestOrderFirst);
	store.ordersById.set(purchaseOrderId, order);
	// Walmart pushes PO_CREATED to subscribers; delivery runs in the background.
	notifyOrderCreated(state, order);
	return clone(order);
}

/**
 * @param {EmulatorState} state
 * @param {string} purchaseOrderId
 * @param {string} lineNumber
 */
function findLine(state, purchaseOrderId, lineNumber) {
	const order = state.store.order(purchaseOrderId);
	if (order === undefined) throw new RangeError(`order ${purchaseOrderId} not found`);
	const line = order.orderLines.orderLine.find((entry) => entry.lineNumber === String(lineNumber));
	if (line === undefined) {
		throw new RangeError(`order ${purchaseOrderId} has no line ${lineNumber}`);
	}
	return { order, line };
}

/**
 * Takes up to `wanted` units out of the line's entries in `sources`, in that order.
 * @param {OrderLine} line
 * @param {LineStatus[]} sources
 * @param {number} wanted
 * @returns {OrderLineStatus[]} the units taken, one part per entry they came from
 */
function takeUnits(line, sources, wanted) {
	/** @type {OrderLineStatus[]} */
	const taken = [];
	let left = wanted;
	for (const source of sources) {
		for (const entry of line.orderLineStatuses.orderLineStatus) {
			if (left === 0 || entry.status !== source) continue;
			const units = Math.min(left, Number(entry.statusQuantity.amount));
			if (units === 0) continue;
			entry.statusQuantity.amount = String(Number(entry.statusQuantity.amount) - units);
			taken.push({ ...entry, statusQuantity: { ...entry.statusQuantity, amount: String(units) } });
			left -= units;
		}
	}
	line.orderLineStatuses.orderLineStatus = line.orderLineStatuses.orderLineStatus.filter(
		(entry) => Number(entry.statusQuantity.amount) > 0,
	);
	return taken;
}

/**
 * Adds units to the entry with the same status, tracking number and reason, or a new one.
 * @param {OrderLine} line
 * @param {OrderLineStatus} part
 */
function addUnits(line, part) {
	const entries = line.orderLineStatuses.orderLineStatus;
	const same = entries.find(
		(entry) =>
			entry.status === part.status &&
			entry.trackingInfo?.trackingNumber === part.trackingInfo?.trackingNumber &&
			entry.cancellationReason === part.cancellationReason,
	);
	if (same) {
		same.statusQuantity.amount = String(
			Number(same.statusQuantity.amount) + Number(part.statusQuantity.amount),
		);
	} else {
		entries.push(part);
	}
}

/**
 * @param {EmulatorState} state
 * @param {string} purchaseOrderId
 * @param {string} lineNumber
 * @param {unknown} input
 * @returns {Order}
 */
function moveLine(state, purchaseOrderId, lineNumber, input) {
	if (!isRecord(input)) throw new TypeError('the move must be an object');
	const status = /** @type {LineMove['status'] | undefined} */ (
		Object.keys(SOURCES).find((candidate) => candidate === input.status)
	);
	if (status === undefined) {
		throw new RangeError(`status must be one of ${Object.keys(SOURCES).join(', ')}`);
	}
	const { order, line } = findLine(state, purchaseOrderId, lineNumber);
	const available = line.orderLineStatuses.orderLineStatus
		.filter((entry) => SOURCES[status].includes(entry.status))
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
	const quantity =
		input.quantity === undefined ? available : wholeNumber(input.quantity, 'quantity', 1, 1000);
	if (quantity === 0 || quantity > available) {
		throw new RangeError(
			`line ${lineNumber} of order ${purchaseOrderId} has ${available} unit(s) in ${SOURCES[status].join(' or ')}; cannot move ${quantity || 'any'} to ${status}`,
		);
	}
	const now = state.clock();
	const reason = optionalText(input.cancellationReason, 'cancellationReason');
	const trackingNumber = optionalText(input.trackingNumber, 'trackingNumber');
	const carrier = optionalText(input.carrier, 'carrier') ?? 'UPS';
	for (const part of takeUnits(line, SOURCES[status], quantity)) {
		/** @type {OrderLineStatus} */
		const moved = { status, statusQuantity: part.statusQuantity };
		if (status === 'Shipped') {
			/** @type {TrackingInfo} */
			const tracking = {
				shipDateTime: now,
				carrierName: { carrier },
				methodCode: 'Standard',
				trackingNumber:
					trackingNumber ??
					`1ZLIVE${purchaseOrderId.slice(-7)}${String(lineNumber).padStart(3, '0')}`,
			};
			moved.trackingInfo = tracking;
		} else if (status === 'Delivered' && part.trackingInfo) {
			moved.trackingInfo = part.trackingInfo;
		} else if (status === 'Cancelled') {
			moved.cancellationReason = reason ?? CANCELLATION_REASONS_BY_MARKET.us[0];
		}
		addUnits(line, moved);
	}
	line.statusDate = now;
	order.lastModified = now;
	return clone(order);
}

/**
 * @param {EmulatorState} state
 * @param {string} purchaseOrderId
 * @param {string} lineNumber
 * @param {unknown} input
 * @returns {Order}
 */
function refundLine(state, purchaseOrderId, lineNumber, input) {
	if (!isRecord(input)) throw new TypeError('the refund must be an object');
	const { order, line } = findLine(state, purchaseOrderId, lineNumber);
	const amount = input.amount;
	const tax = input.tax ?? 0;
	if (typeof amount !== 'number' || !(amount > 0) || toCents(amount) / 100 !== amount) {
		throw new RangeError('amount must be a positive number with at most 2 decimals');
	}
	if (typeof tax !== 'number' || tax < 0 || toCents(tax) / 100 !== tax) {
		throw new RangeError('tax must be 0 or a positive number with at most 2 decimals');
	}
	const chargeType = input.chargeType ?? 'PRODUCT';
	if (chargeType !== 'PRODUCT' && chargeType !== 'SHIPPING') {
		throw new RangeError('chargeType must be PRODUCT or SHIPPING');
	}
	const reason = REFUND_REASONS.find(
		(candidate) => candidate === (input.reason ?? 'Finance -> Goodwill'),
	);
	if (reason === undefined) throw new RangeError("reason must be one of Walmart's refund reasons");
	const shipped = line.orderLineStatuses.orderLineStatus.some(
		(entry) => entry.status === 'Shipped' || entry.status === 'Delivered',
	);
	if (!shipped) throw new RangeError(`line ${lineNumber} of ${purchaseOrderId} has not shipped`);
	const charges = line.refund?.refundCharges.refundCharge ?? [];
	charges.push({
		refundReason: reason,
		charge: {
			chargeType,
			chargeName: chargeType === 'SHIPPING' ? 'Shipping' : 'ItemPrice',
			chargeAmount: { currency: 'USD', amount: -amount },
			...(tax > 0
				? { tax: { taxName: 'Tax1', taxAmount: { currency: 'USD', amount: -tax } } }
				: {}),
		},
	});
	line.refund = {
		refundId: `LIVE${purchaseOrderId}${lineNumber}-${charges.length}`,
		refundComments: 'Refund added by the emulator control API',
		refundCharges: { refundCharge: charges },
	};
	order.lastModified = state.clock();
	return clone(order);
}

/**
 * @param {OrderLine} line
 */
function shippedUnits(line) {
	return line.orderLineStatuses.orderLineStatus
		.filter((entry) => entry.status === 'Shipped' || entry.status === 'Delivered')
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
}

/**
 * @param {number} amount
 * @returns {import('./types').CurrencyAmount}
 */
function usd(amount) {
	return { currencyAmount: fromCents(toCents(amount)), currencyUnit: 'USD' };
}

/**
 * @param {EmulatorState} state
 * @param {unknown} input
 * @returns {ReturnOrder}
 */
function openReturn(state, input) {
	if (!isRecord(input)) throw new TypeError('the return must be an object');
	const store = state.store;
	const purchaseOrderId = optionalText(input.purchaseOrderId, 'purchaseOrderId');
	if (purchaseOrderId === undefined) throw new TypeError('purchaseOrderId is required');
	const order = store.order(purchaseOrderId);
	if (order === undefined) throw new RangeError(`order ${purchaseOrderId} not found`);
	const returnType = input.returnType ?? 'REFUND';
	if (!RETURN_TYPES.some((candidate) => candidate === returnType)) {
		throw new RangeError(`returnType must be one of ${RETURN_TYPES.join(', ')}`);
	}
	const now = state.clock();
	const returnDate = input.returnOrderDate ?? floorToSecond(now);
	if (typeof returnDate !== 'number' || !Number.isInteger(returnDate) || returnDate > now) {
		throw new RangeError(
			'returnOrderDate must be epoch milliseconds, not after the emulator clock',
		);
	}
	/** @type {{ lineNumber: string, quantity?: number }[]} */
	const wanted = Array.isArray(input.lines)
		? input.lines.map((entry, index) => {
				if (!isRecord(entry)) throw new TypeError(`lines[${index}] must be an object`);
				return {
					lineNumber: String(entry.lineNumber),
					quantity:
						entry.quantity === undefined
							? undefined
							: wholeNumber(entry.quantity, `lines[${index}].quantity`, 1, 1000),
				};
			})
		: [];
	if (wanted.length === 0) {
		const first = order.orderLines.orderLine.find((line) => shippedUnits(line) > 0);
		if (first === undefined) throw new RangeError(`order ${purchaseOrderId} has nothing shipped`);
		wanted.push({ lineNumber: first.lineNumber });
	}
	const returnDateIso = isoWithMillis(returnDate);
	/** @type {ReturnOrderLine[]} */
	const lines = wanted.map((entry, index) => {
		const { line } = findLine(state, purchaseOrderId, entry.lineNumber);
		const shipped = shippedUnits(line);
		const quantity = entry.quantity ?? shipped;
		if (quantity < 1 || quantity > shipped) {
			throw new RangeError(
				`line ${entry.lineNumber} of ${purchaseOrderId} has ${shipped} shipped unit(s); cannot return ${quantity}`,
			);
		}
		const [charge] = line.charges.charge;
		const unitPrice = charge.chargeAmount.amount;
		const unitTax = charge.tax ? charge.tax.taxAmount.amount : 0;
		return {
			returnOrderLineNumber: index + 1,
			salesOrderLineNumber: Number(line.lineNumber),
			returnReason: 'NO_LONGER_WANTED',
			purchaseOrderId,
			purchaseOrderLineNumber: Number(line.lineNumber),
			item: {
				sku: line.item.sku,
				condition: line.item.condition ?? 'New',
				productName: line.item.productName,
				itemWeight: { unitOfMeasure: 'POUND', measurementValue: 1 },
			},
			charges: [
				{
					chargeCategory: 'PRODUCT',
					chargeName: 'ItemPrice',
					chargePerUnit: usd(unitPrice),
					isDiscount: false,
					isBillable: true,
					tax: [{ taxName: 'Tax1', taxPerUnit: usd(unitTax), excessTax: usd(0) }],
					excessCharge: usd(0),
					references: [{ name: 'isAdjustment', value: 'false' }],
				},
			],
			unitPrice: usd(unitPrice),
			chargeTotals: [
				{ name: 'lineUnitPrice', value: usd(unitPrice) },
				{ name: 'lineProductTaxes', value: usd(unitTax * quantity) },
				{ name: 'lineTotalTaxes', value: usd(unitTax * quantity) },
				{ name: 'lineSubTotal', value: usd(unitPrice * quantity) },
				{ name: 'lineTotal', value: usd((unitPrice + unitTax) * quantity) },
			],
			cancellableQty: 0,
			quantity: { unitOfMeasure: 'EACH', measurementValue: quantity },
			returnExpectedFlag: true,
			isFastReplacement: false,
			isKeepIt: false,
			lastItem: index === wanted.length - 1,
			refundedQty: 0,
			rechargeableQty: 0,
			refundChannel: 'SELLER_MANUAL_REFUND',
			returnTrackingDetail: [
				{
					sequenceNo: 0,
					eventTag: 'RETURN_INITIATED',
					eventDescription: 'Return initiated for MARKET_PLACE',
					eventTime: returnDateIso,
					references: [{ name: 'ReturnDate', value: returnDateIso }],
				},
			],
			status: 'INITIATED',
			statusTime: returnDateIso,
			currentDeliveryStatus: 'NOT_SHIPPED',
			currentRefundStatus: RETURN_REFUND_STATUS.pending,
			currentTrackingStatuses: [
				{
					status: 'INITIATED',
					statusTime: returnDateIso,
					currentRefundStatus: RETURN_REFUND_STATUS.pending,
					quantity: { unitOfMeasure: 'EACH', measurementValue: quantity },
				},
			],
			refundChannels: [],
		};
	});
	const returnOrderId = nextFreeId('3', 18, (id) => store.returnOrder(id) !== undefined);
	const [firstName, ...rest] = order.shippingInfo.postalAddress.name.split(' ');
	/** @type {ReturnOrder} */
	const returnOrder = {
		returnOrderId,
		customerEmailId: order.customerEmailId,
		customerName: { firstName, lastName: rest.join(' ') },
		customerOrderId: order.customerOrderId,
		refundMode: 'POST_DELIVERY',
		returnOrderDate: returnDateIso,
		returnByDate: isoWithMillis(returnDate + 30 * DAY_MS),
		returnType: /** @type {'REFUND' | 'REPLACEMENT'} */ (returnType),
		...(returnType === 'REPLACEMENT'
			? { replacementCustomerOrderId: nextFreeId('82', 13, () => false) }
			: {}),
		totalRefundAmount: usd(
			lines.reduce(
				(sum, line) =>
					sum +
					(line.chargeTotals.find((total) => total.name === 'lineTotal')?.value.currencyAmount ??
						0),
				0,
			),
		),
		returnLineGroups: [
			{
				groupNo: 1,
				returnLines: lines.map((line) => ({ returnOrderLineNumber: line.returnOrderLineNumber })),
				labels: [],
				returnExpectedFlag: true,
			},
		],
		returnOrderLines: lines,
		returnChannel: { channelName: 'ONLINE' },
		lastModified: floorToSecond(now),
	};
	insertSorted(store.returns, returnOrder, newestReturnFirst);
	store.returnsById.set(returnOrderId, returnOrder);
	notifyReturnOpened(state, returnOrder);
	return clone(returnOrder);
}

/**
 * @param {EmulatorState} state
 * @param {string} returnOrderId
 * @param {number | string} lineNumber
 * @param {unknown} input
 * @returns {ReturnOrder}
 */
function moveReturnLine(state, returnOrderId, lineNumber, input) {
	if (!isRecord(input)) throw new TypeError('the move must be an object');
	const returnOrder = state.store.returnOrder(returnOrderId);
	if (returnOrder === undefined) throw new RangeError(`return ${returnOrderId} not found`);
	const line = returnOrder.returnOrderLines.find(
		(entry) => entry.returnOrderLineNumber === Number(lineNumber),
	);
	if (line === undefined) throw new RangeError(`return ${returnOrderId} has no line ${lineNumber}`);
	if (input.status === undefined && input.refundedQuantity === undefined) {
		throw new TypeError('give a status, a refundedQuantity or both');
	}
	const status = /** @type {ReturnStatus | undefined} */ (
		input.status === undefined
			? undefined
			: RETURN_STATUSES.find((candidate) => candidate === input.status)
	);
	if (input.status !== undefined && status === undefined) {
		throw new RangeError(`status must be one of ${RETURN_STATUSES.join(', ')}`);
	}
	const returned = line.quantity.measurementValue;
	const refunded =
		input.refundedQuantity === undefined
			? undefined
			: wholeNumber(input.refundedQuantity, 'refundedQuantity', line.refundedQty, returned);
	const now = state.clock();
	const time = isoWithMillis(now);
	if (status !== undefined) {
		line.status = status;
		line.statusTime = time;
		if (status !== 'INITIATED') line.currentDeliveryStatus = 'DELIVERED';
		line.returnTrackingDetail.push({
			sequenceNo: line.returnTrackingDetail.length,
			eventTag: `RETURN_${status}`,
			eventDescription: `Return line moved to ${status}`,
			eventTime: time,
			references: [],
		});
	}
	if (refunded !== undefined && refunded > line.refundedQty) {
		const added = refunded - line.refundedQty;
		line.refundedQty = refunded;
		line.currentRefundStatus =
			refunded === returned ? RETURN_REFUND_STATUS.completed : RETURN_REFUND_STATUS.partial;
		const channel = line.refundChannels.find(
			(entry) => entry.refundChannelName === line.refundChannel,
		);
		if (channel) channel.quantity.measurementValue += added;
		else
			line.refundChannels.push({
				refundChannelName: line.refundChannel,
				quantity: { measurementValue: added },
			});
	}
	line.currentTrackingStatuses = [
		{
			status: line.status,
			statusTime: line.statusTime,
			currentRefundStatus: line.currentRefundStatus,
			quantity: { unitOfMeasure: line.quantity.unitOfMeasure, measurementValue: returned },
		},
	];
	returnOrder.lastModified = now;
	return clone(returnOrder);
}

/** @typedef {{ status: number, body: unknown }} ControlReply */

/**
 * The /_emulator routes of this module, or undefined when the route is not one of them.
 * @param {EmulatorState} state
 * @param {string} route `METHOD /path` without a trailing slash
 * @param {unknown} body
 * @returns {ControlReply | undefined}
 */
function handleLiveControl(state, route, body) {
	if (route === 'POST /_emulator/clock') {
		if (!isRecord(body)) throw new TypeError('body must be {"advanceMs": <milliseconds>}');
		return { status: 200, body: { clock: advanceClock(state, Number(body.advanceMs)) } };
	}
	if (route === 'POST /_emulator/orders') return { status: 200, body: createOrder(state, body) };
	if (route === 'POST /_emulator/returns') return { status: 200, body: openReturn(state, body) };
	const orderLine = /^POST \/_emulator\/orders\/([^/]+)\/lines\/([^/]+)\/(status|refund)$/.exec(
		route,
	);
	if (orderLine) {
		const [, purchaseOrderId, lineNumber, action] = orderLine.map(decodeURIComponent);
		const order =
			action === 'status'
				? moveLine(state, purchaseOrderId, lineNumber, body)
				: refundLine(state, purchaseOrderId, lineNumber, body);
		return { status: 200, body: order };
	}
	const returnLine = /^POST \/_emulator\/returns\/([^/]+)\/lines\/([^/]+)\/status$/.exec(route);
	if (returnLine) {
		const [, returnOrderId, lineNumber] = returnLine.map(decodeURIComponent);
		return { status: 200, body: moveReturnLine(state, returnOrderId, lineNumber, body) };
	}
	return undefined;
}

module.exports = {
	advanceClock,
	createOrder,
	moveLine,
	refundLine,
	openReturn,
	moveReturnLine,
	handleLiveControl,
};
