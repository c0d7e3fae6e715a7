// @ts-check
// Seeded data set: purchase orders over the last ~170 days and returns that point at real
// shipped or delivered order lines. Same seed and clock give byte-identical data.

const { SeededRandom } = require('./random');
const { DAY_MS, isoWithMillis } = require('./dates');
const {
	BULK_ORDERS,
	CANCELLATION_REASONS_BY_MARKET,
	RETURN_REASONS,
	RETURN_REFUND_STATUS,
} = require('./constants');

/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').OrderLineStatus} OrderLineStatus */
/** @typedef {import('./types').LineStatus} LineStatus */
/** @typedef {import('./types').Charge} Charge */
/** @typedef {import('./types').ShipNodeType} ShipNodeType */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {import('./types').ReturnOrderLine} ReturnOrderLine */
/** @typedef {import('./types').ReturnStatus} ReturnStatus */
/** @typedef {{ sku: string, productName: string, unitPrice: number, weightLb: number, imageUrl: string }} Product */
/** @typedef {{ ack: number, ship: number, deliver: number, cancel: number }} StatusTimes */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const HISTORY_DAYS = 170;
// No order is created this close to "now - 7 days", so a test that computes the default window
// a few seconds after startup gets the same answer as the server.
const WINDOW_EDGE_GUARD_MS = 10 * MINUTE_MS;
const NEWEST_ORDER_AGE_MS = MINUTE_MS;

const BRANDS = [
	'Mainstays',
	'Ozark Trail',
	'Great Value',
	'Hyper Tough',
	'Better Homes & Gardens',
	'Equate',
	'Pen+Gear',
	'Onn',
];
/** @type {readonly (readonly [string, number, number, number])[]} name, min price, max price, weight lb */
const PRODUCT_KINDS = [
	['4-Person Dome Tent', 40, 150, 9],
	['Stainless Water Bottle', 8, 25, 1],
	['LED Desk Lamp', 15, 45, 2],
	['Cordless Drill', 35, 120, 4],
	['Bath Towel Set', 12, 40, 3],
	['12-Cup Coffee Maker', 20, 90, 6],
	['Wireless Earbuds', 15, 80, 0.5],
	['Yoga Mat', 10, 35, 2],
	['Cast Iron Skillet', 15, 45, 5],
	['Storage Bin', 5, 20, 1.5],
	['Laptop Backpack', 15, 60, 1.5],
	['Throw Blanket', 10, 35, 2],
	['Air Fryer', 40, 130, 10],
	['Bluetooth Speaker', 20, 90, 1.2],
	['Office Chair', 60, 220, 30],
	['Laundry Basket', 6, 20, 1.8],
];
const COLORS = ['Blue', 'Black', 'Gray', 'Red', 'White', 'Green'];
const FIRST_NAMES = [
	'James',
	'Mary',
	'Robert',
	'Patricia',
	'John',
	'Jennifer',
	'Michael',
	'Linda',
	'David',
	'Maria',
	'Carlos',
	'Wei',
	'Aisha',
	'Kathryn',
	'Dorothy',
	'Steffen',
];
const LAST_NAMES = [
	'Smith',
	'Johnson',
	'Williams',
	'Brown',
	'Jones',
	'Garcia',
	'Miller',
	'Davis',
	'Rodriguez',
	'Martinez',
	'Nguyen',
	'Kim',
	'Cole',
	'Becker',
	'Kelly',
];
const STREETS = [
	'Main St',
	'Oak Ave',
	'Maple Dr',
	'Cedar Ln',
	'Elm St',
	'Park Blvd',
	'Lakeview Rd',
];
/** @type {readonly (readonly [string, string, string])[]} */
const CITIES = [
	['Bentonville', 'AR', '72712'],
	['Chicago', 'IL', '60646'],
	['San Francisco', 'CA', '94133'],
	['Miami Beach', 'FL', '33141'],
	['Austin', 'TX', '78701'],
	['Seattle', 'WA', '98101'],
	['Denver', 'CO', '80202'],
	['Atlanta', 'GA', '30303'],
	['Boston', 'MA', '02108'],
	['Phoenix', 'AZ', '85004'],
	['Columbus', 'OH', '43215'],
	['Warners', 'NY', '13164'],
];
const CARRIERS = [
	{ carrier: 'UPS', url: 'https://www.ups.com/track?tracknum=' },
	{ carrier: 'FedEx', url: 'https://www.fedex.com/fedextrack/?trknbr=' },
	{ carrier: 'USPS', url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
];
/** @type {readonly (readonly [string, number])[]} */
const METHOD_CODES = [
	['Standard', 70],
	['Value', 12],
	['Express', 10],
	['OneDay', 5],
	['Freight', 3],
];
/** @type {Record<string, string>} */
const SHIP_METHOD_BY_CODE = {
	Standard: 'STANDARD',
	Value: 'VALUE',
	Express: 'EXPEDITED',
	OneDay: 'ONE_DAY',
	Freight: 'FREIGHT',
};
const SEEDED_REFUND_REASONS = [
	'DamagedItem',
	'ItemNotAsAdvertised',
	'General adjustment',
	'Shipping & Delivery -> Damaged',
	'CustomerReceivedItemLate',
];

/**
 * @param {SeededRandom} rng
 * @returns {Product[]}
 */
function buildCatalog(rng) {
	/** @type {Product[]} */
	const catalog = [];
	for (let index = 0; index < 64; index++) {
		const [kind, minPrice, maxPrice, weightLb] = rng.pick(PRODUCT_KINDS);
		const color = rng.pick(COLORS);
		const initials = kind
			.split(/[\s-]+/)
			.map((word) => word[0])
			.join('')
			.toUpperCase();
		catalog.push({
			sku: `${initials}-${color.slice(0, 3).toUpperCase()}-${1000 + index}`,
			productName: `${rng.pick(BRANDS)} ${kind} - ${color}`,
			unitPrice: rng.money(minPrice, maxPrice),
			weightLb,
			imageUrl: `https://i5.walmartimages.com/asr/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}.jpeg`,
		});
	}
	return catalog;
}

/** @param {number} epochMs */
function toSecond(epochMs) {
	return Math.floor(epochMs / SECOND_MS) * SECOND_MS;
}

/**
 * @param {SeededRandom} rng
 * @param {number} from
 * @param {number} to
 */
function timeBetween(rng, from, to) {
	return toSecond(from + rng.next() * Math.max(0, to - from));
}

/**
 * @param {SeededRandom} rng
 * @param {Set<string>} used
 * @param {string} firstDigits digits the ID may start with
 * @param {number} length
 */
function uniqueId(rng, used, firstDigits, length) {
	for (;;) {
		const id = rng.pick(firstDigits.split('')) + rng.digits(length - 1);
		if (!used.has(id)) {
			used.add(id);
			return id;
		}
	}
}

/**
 * @param {number} amount
 * @param {number} taxRate
 * @param {string} chargeType
 * @param {string} chargeName
 * @param {string} taxName
 * @returns {Charge}
 */
function charge(amount, taxRate, chargeType, chargeName, taxName) {
	return {
		chargeType,
		chargeName,
		chargeAmount: { currency: 'USD', amount },
		tax: {
			taxName,
			taxAmount: { currency: 'USD', amount: Math.round(amount * taxRate * 100) / 100 },
		},
	};
}

/**
 * @param {LineStatus} status
 * @param {number} quantity
 * @returns {OrderLineStatus}
 */
function statusEntry(status, quantity) {
	return { status, statusQuantity: { unitOfMeasurement: 'EACH', amount: String(quantity) } };
}

/**
 * Younger orders are mostly unshipped; older ones mostly delivered.
 * @param {SeededRandom} rng
 * @param {number} ageMs
 * @returns {LineStatus}
 */
function primaryStatusForAge(rng, ageMs) {
	if (ageMs < 4 * HOUR_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['Created', 85],
				['Acknowledged', 15],
			]),
		);
	}
	if (ageMs < 2 * DAY_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['Created', 25],
				['Acknowledged', 45],
				['Shipped', 22],
				['Cancelled', 8],
			]),
		);
	}
	if (ageMs < 7 * DAY_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['Acknowledged', 10],
				['Shipped', 45],
				['Delivered', 35],
				['Cancelled', 10],
			]),
		);
	}
	return rng.weighted(
		/** @type {const} */ ([
			['Shipped', 8],
			['Delivered', 82],
			['Cancelled', 10],
		]),
	);
}

/**
 * @param {SeededRandom} rng
 * @param {number} quantity
 * @param {LineStatus} primary
 * @returns {OrderLineStatus[]}
 */
function planStatuses(rng, quantity, primary) {
	const shippedLike = primary === 'Shipped' || primary === 'Delivered';
	if (quantity >= 2 && shippedLike && rng.chance(0.25)) {
		return [statusEntry(primary, quantity - 1), statusEntry('Cancelled', 1)];
	}
	if (quantity >= 2 && primary === 'Acknowledged' && rng.chance(0.15)) {
		return [statusEntry('Acknowledged', quantity - 1), statusEntry('Created', 1)];
	}
	return [statusEntry(primary, quantity)];
}

/**
 * @param {SeededRandom} rng
 * @param {OrderLineStatus[]} statuses
 * @param {StatusTimes} times
 * @param {string} methodCode
 */
function decorateStatuses(rng, statuses, times, methodCode) {
	const carrier = rng.pick(CARRIERS);
	const trackingNumber = rng.digits(rng.pick([12, 18, 22]));
	for (const entry of statuses) {
		if (entry.status === 'Shipped' || entry.status === 'Delivered') {
			entry.trackingInfo = {
				shipDateTime: times.ship,
				carrierName: { carrier: carrier.carrier },
				methodCode,
				trackingNumber,
				trackingURL: carrier.url + trackingNumber,
			};
		}
		if (entry.status === 'Cancelled') {
			entry.cancellationReason = rng.pick(CANCELLATION_REASONS_BY_MARKET.us);
		}
	}
}

/**
 * @param {OrderLineStatus[]} statuses
 * @param {number} orderDate
 * @param {StatusTimes} times
 */
function latestStatusTime(statuses, orderDate, times) {
	/** @type {Record<LineStatus, number>} */
	const timeByStatus = {
		Created: orderDate,
		Acknowledged: times.ack,
		Shipped: times.ship,
		Delivered: times.deliver,
		Cancelled: times.cancel,
	};
	return Math.max(...statuses.map((entry) => timeByStatus[entry.status]));
}

/**
 * @param {OrderLine[]} lines
 * @returns {number}
 */
function orderTotal(lines) {
	let cents = 0;
	for (const line of lines) {
		const quantity = Number(line.orderLineQuantity.amount);
		for (const lineCharge of line.charges.charge) {
			const taxAmount = lineCharge.tax ? lineCharge.tax.taxAmount.amount : 0;
			cents += Math.round((lineCharge.chargeAmount.amount + taxAmount) * 100) * quantity;
		}
	}
	return cents / 100;
}

/**
 * @param {SeededRandom} rng
 * @returns {{ name: string, firstName: string, lastName: string, address: import('./types').PostalAddress, phone: string }}
 */
function customer(rng) {
	const firstName = rng.pick(FIRST_NAMES);
	const lastName = rng.pick(LAST_NAMES);
	const [city, state, postalCode] = rng.pick(CITIES);
	const name = `${firstName} ${lastName}`;
	return {
		name,
		firstName,
		lastName,
		phone: String(rng.int(2, 9)) + rng.digits(9),
		address: {
			name,
			address1: `${rng.int(10, 9999)} ${rng.pick(STREETS)}`,
			...(rng.chance(0.2) ? { address2: `Apt ${rng.int(1, 400)}` } : {}),
			city,
			state,
			postalCode,
			country: 'USA',
			addressType: 'RESIDENTIAL',
		},
	};
}

/**
 * @param {SeededRandom} rng
 * @returns {ShipNodeType}
 */
function shipNodeType(rng) {
	return rng.weighted(
		/** @type {const} */ ([
			['SellerFulfilled', 85],
			['WFSFulfilled', 10],
			['3PLFulfilled', 5],
		]),
	);
}

/** @param {ShipNodeType} type */
function shipNode(type) {
	/** @type {Record<ShipNodeType, { name: string, id: string }>} */
	const nodes = {
		SellerFulfilled: { name: 'Emulator Seller Warehouse', id: '721407' },
		WFSFulfilled: { name: 'Walmart Fulfillment Services', id: '8001' },
		'3PLFulfilled': { name: 'Emulator 3PL Partner', id: '730122' },
	};
	return { type, ...nodes[type] };
}

/**
 * @param {SeededRandom} rng
 * @param {{ purchaseOrderId: string, customerOrderId: string, orderDate: number, type: ShipNodeType, orderType: 'REGULAR' | 'REPLACEMENT', originalCustomerOrderID?: string, methodCode: string }} header
 * @param {OrderLine[]} lines
 * @returns {Order}
 */
function assembleOrder(rng, header, lines) {
	const person = customer(rng);
	const estimatedShipDate =
		Math.ceil((header.orderDate + rng.int(1, 3) * DAY_MS) / HOUR_MS) * HOUR_MS;
	return {
		purchaseOrderId: header.purchaseOrderId,
		customerOrderId: header.customerOrderId,
		customerEmailId: `${rng.hex(32).toUpperCase()}@relay.walmart.com`,
		orderType: header.orderType,
		...(header.originalCustomerOrderID === undefined
			? {}
			: { originalCustomerOrderID: header.originalCustomerOrderID }),
		orderDate: header.orderDate,
		shippingInfo: {
			phone: person.phone,
			estimatedDeliveryDate: estimatedShipDate + rng.int(2, 6) * DAY_MS,
			estimatedShipDate,
			methodCode: header.methodCode,
			postalAddress: person.address,
		},
		orderLines: { orderLine: lines },
		paymentTypes: ['CREDITCARD'],
		orderSummary: { totalAmount: { currencyAmount: orderTotal(lines), currencyUnit: 'USD' } },
		shipNode: shipNode(header.type),
		lastModified: Math.max(header.orderDate, ...lines.map((line) => line.statusDate)),
	};
}

/**
 * @param {SeededRandom} rng
 * @param {Product[]} catalog
 * @param {{ purchaseOrderId: string, customerOrderId: string, orderDate: number }} ids
 * @param {number} now
 * @returns {Order}
 */
function regularOrder(rng, catalog, ids, now) {
	const { orderDate } = ids;
	const ageMs = now - orderDate;
	const type = shipNodeType(rng);
	const methodCode = rng.weighted(METHOD_CODES);
	const shippingProgramType =
		methodCode === 'OneDay' ? 'ONE_DAY' : rng.chance(0.15) ? 'TWO_DAY' : undefined;
	const taxRate = rng.pick([0.05, 0.0625, 0.07, 0.0825, 0.095]);
	const replacement = rng.chance(0.03);
	const times = {
		ack: timeBetween(rng, orderDate + 5 * MINUTE_MS, orderDate + Math.min(ageMs, 4 * HOUR_MS)),
		ship: timeBetween(
			rng,
			orderDate + 0.2 * Math.min(ageMs, 3 * DAY_MS),
			orderDate + 0.8 * Math.min(ageMs, 3 * DAY_MS),
		),
		deliver: 0,
		cancel: timeBetween(
			rng,
			orderDate + 0.1 * Math.min(ageMs, DAY_MS),
			orderDate + 0.9 * Math.min(ageMs, DAY_MS),
		),
	};
	times.ack = Math.min(times.ack, now);
	times.deliver = timeBetween(
		rng,
		times.ship + 0.3 * Math.min(now - times.ship, 5 * DAY_MS),
		times.ship + Math.min(now - times.ship, 5 * DAY_MS),
	);

	const lineCount = rng.weighted(
		/** @type {const} */ ([
			[1, 55],
			[2, 25],
			[3, 12],
			[4, 8],
		]),
	);
	/** @type {OrderLine[]} */
	const lines = [];
	for (let lineIndex = 0; lineIndex < lineCount; lineIndex++) {
		const product = rng.pick(catalog);
		const quantity = rng.weighted(
			/** @type {const} */ ([
				[1, 70],
				[2, 20],
				[3, 10],
			]),
		);
		const statuses = planStatuses(rng, quantity, primaryStatusForAge(rng, ageMs));
		decorateStatuses(rng, statuses, times, methodCode);
		const charges = [charge(product.unitPrice, taxRate, 'PRODUCT', 'ItemPrice', 'Tax1')];
		if (rng.chance(0.5)) {
			charges.push(
				charge(rng.pick([3.99, 4.99, 5.99, 7.49]), taxRate, 'SHIPPING', 'Shipping', 'Tax2'),
			);
		}
		/** @type {OrderLine} */
		const line = {
			lineNumber: String(lineIndex + 1),
			item: {
				productName: product.productName,
				sku: product.sku,
				condition: 'New',
				imageUrl: product.imageUrl,
				weight: { value: product.weightLb, unit: 'Pounds' },
			},
			charges: { charge: charges },
			orderLineQuantity: { unitOfMeasurement: 'EACH', amount: String(quantity) },
			statusDate: latestStatusTime(statuses, orderDate, times),
			orderLineStatuses: { orderLineStatus: statuses },
			originalCarrierMethod: rng.pick(['22', '23', '24', '61']),
			fulfillment: {
				fulfillmentOption: 'S2H',
				shipMethod: SHIP_METHOD_BY_CODE[methodCode],
				pickUpDateTime: orderDate + 2 * DAY_MS,
				...(shippingProgramType === undefined ? {} : { shippingProgramType }),
			},
		};
		const shippedQuantity = statuses
			.filter((entry) => entry.status === 'Shipped' || entry.status === 'Delivered')
			.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
		if (shippedQuantity > 0 && rng.chance(0.08)) {
			addSeededPartialRefund(rng, line, taxRate, timeBetween(rng, times.ship, now));
		}
		lines.push(line);
	}
	return assembleOrder(
		rng,
		{
			...ids,
			type,
			methodCode,
			orderType: replacement ? 'REPLACEMENT' : 'REGULAR',
			...(replacement ? { originalCustomerOrderID: String(rng.int(1, 8)) + rng.digits(12) } : {}),
		},
		lines,
	);
}

/**
 * A goodwill refund of part of one unit's price, as a seller would issue after a complaint.
 * @param {SeededRandom} rng
 * @param {OrderLine} line
 * @param {number} taxRate
 * @param {number} refundedAt
 */
function addSeededPartialRefund(rng, line, taxRate, refundedAt) {
	const unitPrice = line.charges.charge[0].chargeAmount.amount;
	const amount = -Math.max(0.01, Math.round(unitPrice * rng.int(10, 50)) / 100);
	line.refund = {
		refundId: `RF${rng.digits(10)}`,
		refundComments: 'Partial refund issued by the seller',
		refundCharges: {
			refundCharge: [
				{
					refundReason: rng.pick(SEEDED_REFUND_REASONS),
					charge: {
						chargeType: 'PRODUCT',
						chargeName: 'ItemPrice',
						chargeAmount: { currency: 'USD', amount },
						tax: {
							taxName: 'Tax1',
							taxAmount: { currency: 'USD', amount: Math.round(amount * taxRate * 100) / 100 },
						},
					},
				},
			],
		},
	};
	line.statusDate = Math.max(line.statusDate, refundedAt);
}

/**
 * @param {SeededRandom} rng
 * @param {Product[]} catalog
 * @param {typeof BULK_ORDERS[keyof typeof BULK_ORDERS]} spec
 * @param {number} orderDate
 * @returns {Order}
 */
function bulkOrder(rng, catalog, spec, orderDate) {
	/** @type {OrderLine[]} */
	const lines = [];
	for (let index = 0; index < spec.lineCount; index++) {
		const product = catalog[index % catalog.length];
		lines.push({
			lineNumber: String(index + 1),
			item: {
				productName: product.productName,
				sku: product.sku,
				condition: 'New',
				imageUrl: product.imageUrl,
				weight: { value: product.weightLb, unit: 'Pounds' },
			},
			charges: { charge: [charge(product.unitPrice, 0.07, 'PRODUCT', 'ItemPrice', 'Tax1')] },
			orderLineQuantity: { unitOfMeasurement: 'EACH', amount: '1' },
			statusDate: orderDate,
			orderLineStatuses: { orderLineStatus: [statusEntry(spec.status, 1)] },
			fulfillment: {
				fulfillmentOption: 'S2H',
				shipMethod: 'STANDARD',
				pickUpDateTime: orderDate + 2 * DAY_MS,
			},
		});
	}
	return assembleOrder(
		rng,
		{
			purchaseOrderId: spec.purchaseOrderId,
			customerOrderId: spec.customerOrderId,
			orderDate,
			type: 'SellerFulfilled',
			methodCode: 'Standard',
			orderType: 'REGULAR',
		},
		lines,
	);
}

/**
 * About a third of the orders fall in the default 7-day window; the rest go back ~170 days.
 * @param {SeededRandom} rng
 * @param {number} now
 */
function orderDateFor(rng, now) {
	const windowStart = now - 7 * DAY_MS;
	if (rng.chance(1 / 3)) {
		return timeBetween(rng, windowStart + WINDOW_EDGE_GUARD_MS, now - NEWEST_ORDER_AGE_MS);
	}
	return timeBetween(rng, now - HISTORY_DAYS * DAY_MS, windowStart - WINDOW_EDGE_GUARD_MS);
}

/**
 * Newest first, like Walmart's listings; ties broken by ID so the order is total.
 * @param {Order} a
 * @param {Order} b
 */
function newestOrderFirst(a, b) {
	if (a.orderDate !== b.orderDate) return b.orderDate - a.orderDate;
	return a.purchaseOrderId < b.purchaseOrderId ? 1 : -1;
}

/**
 * @param {{ seed: number, now: number, orderCount: number }} options
 * @returns {Order[]} newest first
 */
function generateOrders(options) {
	const rng = new SeededRandom(options.seed);
	const now = toSecond(options.now);
	const catalog = buildCatalog(rng);
	const usedPurchaseOrderIds = new Set();
	const usedCustomerOrderIds = new Set();
	/** @type {Order[]} */
	const orders = [];
	const includeBulkOrders = options.orderCount >= 2;
	if (includeBulkOrders) {
		orders.push(bulkOrder(rng, catalog, BULK_ORDERS.created250, now - 2 * HOUR_MS));
		orders.push(bulkOrder(rng, catalog, BULK_ORDERS.acknowledged150, now - 3 * HOUR_MS));
	}
	while (orders.length < options.orderCount) {
		const ids = {
			// Leading 9 is reserved for the fixed bulk orders.
			purchaseOrderId: uniqueId(rng, usedPurchaseOrderIds, '12345678', 13),
			customerOrderId: uniqueId(rng, usedCustomerOrderIds, '12345678', 13),
			orderDate: orderDateFor(rng, now),
		};
		orders.push(regularOrder(rng, catalog, ids, now));
	}
	return orders.sort(newestOrderFirst);
}

/**
 * @param {OrderLine} line
 * @returns {{ quantity: number, shippedAt: number }}
 */
function shippedQuantityOf(line) {
	let quantity = 0;
	let shippedAt = 0;
	for (const entry of line.orderLineStatuses.orderLineStatus) {
		if (entry.status === 'Shipped' || entry.status === 'Delivered') {
			quantity += Number(entry.statusQuantity.amount);
			shippedAt = entry.trackingInfo ? entry.trackingInfo.shipDateTime : 0;
		}
	}
	return { quantity, shippedAt };
}

/**
 * @param {number} amount
 * @returns {import('./types').CurrencyAmount}
 */
function usd(amount) {
	return { currencyAmount: Math.round(amount * 100) / 100, currencyUnit: 'USD' };
}

/**
 * @param {SeededRandom} rng
 * @param {number} returnDate
 * @param {number} now
 * @returns {ReturnStatus}
 */
function returnStatusForAge(rng, returnDate, now) {
	const ageMs = now - returnDate;
	if (ageMs < 3 * DAY_MS) return 'INITIATED';
	if (ageMs < 10 * DAY_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['INITIATED', 20],
				['DELIVERED', 40],
				['COMPLETED', 40],
			]),
		);
	}
	return rng.weighted(
		/** @type {const} */ ([
			['DELIVERED', 15],
			['COMPLETED', 85],
		]),
	);
}

/**
 * @param {SeededRandom} rng
 * @param {{ line: OrderLine, order: Order, returnDate: number, quantity: number, number: number, status: ReturnStatus, now: number, isLast: boolean }} input
 * @returns {ReturnOrderLine}
 */
function returnLine(rng, input) {
	const { line, order, returnDate, quantity, status, now } = input;
	const productCharge = line.charges.charge[0];
	const unitPrice = productCharge.chargeAmount.amount;
	const unitTax = productCharge.tax ? productCharge.tax.taxAmount.amount : 0;
	const iso = isoWithMillis;
	const deliveredAt = timeBetween(rng, returnDate + DAY_MS, Math.min(returnDate + 5 * DAY_MS, now));
	const completedAt = timeBetween(rng, deliveredAt, Math.min(deliveredAt + 3 * DAY_MS, now));
	const partial = status === 'DELIVERED' && quantity >= 2 && rng.chance(0.3);
	const refundedQty = status === 'COMPLETED' ? quantity : partial ? 1 : 0;
	const refundStatus =
		refundedQty === quantity
			? RETURN_REFUND_STATUS.completed
			: refundedQty > 0
				? RETURN_REFUND_STATUS.partial
				: RETURN_REFUND_STATUS.pending;
	const statusTime =
		status === 'INITIATED' ? returnDate : status === 'DELIVERED' ? deliveredAt : completedAt;
	const trackingNo = rng.digits(12);
	/** @type {import('./types').ReturnTrackingEvent[]} */
	const events = [
		{
			sequenceNo: 0,
			eventTag: 'RETURN_INITIATED',
			eventDescription: 'Return initiated for MARKET_PLACE',
			eventTime: iso(returnDate),
			references: [{ name: 'ReturnDate', value: iso(returnDate) }],
		},
	];
	if (status !== 'INITIATED') {
		events.push({
			sequenceNo: 1,
			eventTag: 'RETURN_DELIVERED',
			eventDescription: 'A MARKET_PLACE Return delivered to the seller',
			eventTime: iso(deliveredAt),
			references: [
				{
					name: 'FedexTrackingLink',
					value: `https://www.fedex.com/fedextrack/?trknbr=${trackingNo}`,
				},
			],
		});
	}
	const refundChannel = rng.pick(['SELLER_AUTO_REFUND', 'WALMART_SETTLED_REFUND']);
	return {
		returnOrderLineNumber: input.number,
		salesOrderLineNumber: Number(line.lineNumber),
		returnReason: rng.pick(RETURN_REASONS),
		purchaseOrderId: order.purchaseOrderId,
		purchaseOrderLineNumber: Number(line.lineNumber),
		item: {
			sku: line.item.sku,
			condition: line.item.condition ?? 'New',
			productName: line.item.productName,
			itemWeight: {
				unitOfMeasure: 'POUND',
				measurementValue: line.item.weight ? line.item.weight.value : 1,
			},
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
		lastItem: input.isLast,
		refundedQty,
		rechargeableQty: 0,
		refundChannel,
		returnTrackingDetail: events,
		status,
		statusTime: iso(statusTime),
		currentDeliveryStatus:
			status === 'INITIATED' ? rng.pick(['NOT_SHIPPED', 'IN_TRANSIT']) : 'DELIVERED',
		currentRefundStatus: refundStatus,
		currentTrackingStatuses: [
			{
				status,
				statusTime: iso(statusTime),
				currentRefundStatus: refundStatus,
				quantity: { unitOfMeasure: 'EACH', measurementValue: quantity },
			},
		],
		refundChannels:
			refundedQty > 0
				? [{ refundChannelName: refundChannel, quantity: { measurementValue: refundedQty } }]
				: [],
	};
}

/**
 * Returns pick shipped or delivered lines of seller-fulfilled orders (WFS returns are view-only
 * for sellers), each order line used at most once.
 * @param {{ seed: number, now: number, returnCount: number }} options
 * @param {Order[]} orders
 * @returns {ReturnOrder[]} newest first
 */
function generateReturns(options, orders) {
	// A separate stream, so asking for more returns never changes the orders.
	const rng = new SeededRandom((options.seed ^ 0x5eed5eed) >>> 0);
	const now = toSecond(options.now);
	const candidates = orders.filter(
		(order) =>
			order.shipNode.type === 'SellerFulfilled' &&
			!order.purchaseOrderId.startsWith('9') &&
			order.orderLines.orderLine.some((line) => {
				const { quantity, shippedAt } = shippedQuantityOf(line);
				return quantity > 0 && shippedAt < now - 2 * DAY_MS;
			}),
	);
	for (let index = candidates.length - 1; index > 0; index--) {
		const swap = rng.int(0, index);
		[candidates[index], candidates[swap]] = [candidates[swap], candidates[index]];
	}
	const usedReturnIds = new Set();
	/** @type {ReturnOrder[]} */
	const returns = [];
	for (const order of candidates) {
		if (returns.length >= options.returnCount) break;
		const eligible = order.orderLines.orderLine.filter((line) => {
			const { quantity, shippedAt } = shippedQuantityOf(line);
			return quantity > 0 && shippedAt < now - 2 * DAY_MS;
		});
		const lineCount = eligible.length >= 2 && rng.chance(0.2) ? 2 : 1;
		const chosen = eligible.slice(0, lineCount);
		const shippedAt = Math.max(...chosen.map((line) => shippedQuantityOf(line).shippedAt));
		const returnDate = timeBetween(
			rng,
			shippedAt + DAY_MS,
			Math.min(shippedAt + 25 * DAY_MS, now - NEWEST_ORDER_AGE_MS),
		);
		const status = returnStatusForAge(rng, returnDate, now);
		const lines = chosen.map((line, index) =>
			returnLine(rng, {
				line,
				order,
				returnDate,
				quantity: rng.int(1, shippedQuantityOf(line).quantity),
				number: index + 1,
				status,
				now,
				isLast: index === chosen.length - 1,
			}),
		);
		const person = order.shippingInfo.postalAddress.name.split(' ');
		const replacement = rng.chance(0.1);
		const total = lines.reduce((sum, line) => {
			const lineTotal = line.chargeTotals.find((entry) => entry.name === 'lineTotal');
			return sum + (lineTotal ? lineTotal.value.currencyAmount : 0);
		}, 0);
		const returnOrderId = uniqueId(rng, usedReturnIds, '1', 18);
		const labelTracking = rng.digits(12);
		returns.push({
			returnOrderId,
			customerEmailId: order.customerEmailId,
			customerName: { firstName: person[0], lastName: person.slice(1).join(' ') },
			customerOrderId: order.customerOrderId,
			refundMode: 'POST_DELIVERY',
			returnOrderDate: isoWithMillis(returnDate),
			returnByDate: isoWithMillis(returnDate + 30 * DAY_MS),
			returnType: replacement ? 'REPLACEMENT' : 'REFUND',
			...(replacement
				? { replacementCustomerOrderId: String(rng.int(1, 8)) + rng.digits(12) }
				: {}),
			totalRefundAmount: usd(total),
			returnLineGroups: [
				{
					groupNo: 1,
					returnLines: lines.map((line) => ({ returnOrderLineNumber: line.returnOrderLineNumber })),
					labels: [
						{
							labelImageURL: `https://i5.walmartimages.com/asr/${rng.hex(32)}.png`,
							carrierInfoList: [
								{
									carrierId: '11',
									carrierName: 'FEDEX',
									serviceType: 'FedEx Ground',
									trackingNo: labelTracking,
								},
							],
						},
					],
					returnExpectedFlag: true,
				},
			],
			returnOrderLines: lines,
			returnChannel: {
				channelName: rng.weighted(
					/** @type {const} */ ([
						['ONLINE', 80],
						['IN_STORE', 15],
						['CUSTOMER_CARE', 5],
					]),
				),
			},
			lastModified: Math.max(returnDate, ...lines.map((line) => Date.parse(line.statusTime))),
		});
	}
	return returns.sort((a, b) => {
		const byDate = Date.parse(b.returnOrderDate) - Date.parse(a.returnOrderDate);
		return byDate !== 0 ? byDate : a.returnOrderId < b.returnOrderId ? 1 : -1;
	});
}

/**
 * @param {{ seed: number, now: number, orderCount: number, returnCount: number }} options
 * @returns {{ orders: Order[], returns: ReturnOrder[] }}
 */
function generateDataset(options) {
	const orders = generateOrders(options);
	return { orders, returns: generateReturns(options, orders) };
}

module.exports = { generateDataset };
