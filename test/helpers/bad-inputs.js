// @ts-check
/**
 * Loose input that an expression, an imported workflow or an AI agent can hand the node, with
 * the exact refusal each must get. Shared by the engine table (test/engine/bad-input.test.js)
 * and `npm run faults`. `stage: 'input'` cases must be refused before any request at all;
 * `stage: 'plan'` cases need the live order and must be refused before any write.
 */
const { BULK_ORDERS } = require('../../emulator');

/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrder} WalmartOrder */
/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrderLine} WalmartOrderLine */
/**
 * @typedef {object} Fixtures
 * @property {WalmartOrder} shipped a seller-fulfilled order whose line 1 is Shipped only, never refunded
 * @property {WalmartOrder} created a seller-fulfilled order whose line 1 is Created only
 * @property {WalmartOrder} wfs a WFS order
 * @property {WalmartOrder} cancelled a seller-fulfilled order whose line 1 is Cancelled only
 * @property {WalmartOrder} intent a seller-fulfilled order with an open line the customer asked to cancel
 * @property {string} intentLine that line's number
 * @property {string} returnId a return with nothing refunded
 * @property {number} returnQuantity units returned on its line 1
 */
/**
 * @typedef {object} BadInput
 * @property {string} name
 * @property {(fixtures: Fixtures) => Record<string, unknown>} parameters
 * @property {string | RegExp} message
 * @property {string} [description]
 * @property {'input' | 'plan'} stage
 */

/** @param {WalmartOrderLine} line */
function quantities(line) {
	/** @type {Record<string, number>} */
	const byStatus = {};
	for (const entry of line.orderLineStatuses.orderLineStatus) {
		byStatus[entry.status] = (byStatus[entry.status] ?? 0) + Number(entry.statusQuantity.amount);
	}
	return byStatus;
}

/**
 * @param {unknown[]} orders the emulator's orders
 * @param {any[]} returns the emulator's returns
 * @returns {Fixtures}
 */
function findFixtures(orders, returns) {
	const seller = (/** @type {WalmartOrder} */ order) =>
		(order.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled';
	const all = /** @type {WalmartOrder[]} */ (orders);
	const shipped = all.filter(seller).find((order) => {
		const line = order.orderLines.orderLine[0];
		return Object.keys(quantities(line)).join() === 'Shipped' && !line.refund;
	});
	const created = all.filter(seller).find((order) => {
		const line = order.orderLines.orderLine[0];
		return (
			Object.keys(quantities(line)).join() === 'Created' &&
			order.orderLines.orderLine.length < 5 &&
			!order.purchaseOrderId.startsWith('9')
		);
	});
	const wfs = all.find((order) => order.shipNode?.type === 'WFSFulfilled');
	const cancelled = all.filter(seller).find((order) => {
		const line = order.orderLines.orderLine[0];
		return Object.keys(quantities(line)).join() === 'Cancelled';
	});
	const isOpenIntent = (/** @type {WalmartOrderLine} */ line) => {
		const byStatus = quantities(line);
		return !!line.intentToCancel && (byStatus.Created ?? 0) + (byStatus.Acknowledged ?? 0) > 0;
	};
	const intent = all
		.filter(seller)
		.find(
			(order) =>
				!order.purchaseOrderId.startsWith('9') && order.orderLines.orderLine.some(isOpenIntent),
		);
	const openReturn = returns.find((entry) =>
		(entry.returnOrderLines ?? []).every(
			(/** @type {any} */ line) => Number(line.refundedQty ?? 0) === 0,
		),
	);
	if (!shipped || !created || !wfs || !cancelled || !intent || !openReturn) {
		throw new Error('emulator lacks the fixtures');
	}
	return {
		shipped,
		created,
		wfs,
		cancelled,
		intent,
		intentLine: String(intent.orderLines.orderLine.find(isOpenIntent)?.lineNumber),
		returnId: openReturn.returnOrderId,
		returnQuantity: Number(openReturn.returnOrderLines?.[0].quantity?.measurementValue ?? 1),
	};
}

const PO250 = BULK_ORDERS.created250.purchaseOrderId;

/** @param {Record<string, unknown>} [extra] */
const cancel = (extra = {}) => ({
	resource: 'order',
	operation: 'cancelLines',
	purchaseOrderId: PO250,
	lineSelection: 'list',
	lines: { line: [{ lineNumber: '1', quantity: 'all' }] },
	reason: 'SELLER_CANCEL_OUT_OF_STOCK',
	...extra,
});
/** @param {unknown} linesJson */
const cancelJson = (linesJson) =>
	cancel({ lineSelection: 'json', linesJson: JSON.stringify(linesJson) });
/** @param {unknown} quantity */
const cancelQuantity = (quantity) => cancel({ lines: { line: [{ lineNumber: '1', quantity }] } });

/**
 * @param {Fixtures} fixtures
 * @param {Record<string, unknown>} line
 * @param {Record<string, unknown>} [extra]
 */
const refund = (fixtures, line, extra = {}) => ({
	resource: 'order',
	operation: 'refundLines',
	purchaseOrderId: fixtures.shipped.purchaseOrderId,
	linesInput: 'json',
	linesJson: JSON.stringify([
		{ lineNumber: '1', chargeType: 'PRODUCT', amount: 1, reason: 'DamagedItem', ...line },
	]),
	...extra,
});
/** @param {Fixtures} fixtures @param {unknown} amount */
const refundAmount = (fixtures, amount) => refund(fixtures, { amount });

/** @param {Fixtures} fixtures @param {Record<string, unknown>} [extra] */
const returnRefund = (fixtures, extra = {}) => ({
	resource: 'return',
	operation: 'refund',
	returnOrderId: fixtures.returnId,
	lineSelection: 'list',
	lines: { line: [{ returnOrderLineNumber: '1', quantity: 'all' }] },
	...extra,
});

/** @param {Record<string, unknown>} [extra] */
const ship = (extra = {}) => ({
	resource: 'order',
	operation: 'shipLines',
	purchaseOrderId: PO250,
	lineSelection: 'list',
	lines: { line: [{ lineNumber: '1', quantity: 1 }] },
	carrier: 'UPS',
	methodCode: 'Standard',
	trackingNumber: '1Z999AA10123456784',
	...extra,
});
/** @param {unknown} linesJson @param {Record<string, unknown>} [extra] */
const shipJson = (linesJson, extra = {}) =>
	ship({ lineSelection: 'json', linesJson: JSON.stringify(linesJson), ...extra });

/** @param {Record<string, unknown>} [extra] */
const acknowledge = (extra = {}) => ({
	resource: 'order',
	operation: 'acknowledge',
	purchaseOrderId: PO250,
	...extra,
});

/** @param {Record<string, unknown>} [extra] */
const updateTracking = (extra = {}) => ({
	resource: 'order',
	operation: 'updateTracking',
	purchaseOrderId: PO250,
	corrections: { line: [{ lineNumber: '1', trackingNumber: '1Z999AA10123456785' }] },
	...extra,
});
/** @param {unknown} linesJson @param {Record<string, unknown>} [extra] */
const updateJson = (linesJson, extra = {}) =>
	updateTracking({ linesInput: 'json', linesJson: JSON.stringify(linesJson), ...extra });

/** @param {Record<string, unknown>} filters @param {Record<string, unknown>} [extra] */
const orders = (filters, extra = {}) => ({
	resource: 'order',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	filters,
	...extra,
});
/** @param {Record<string, unknown>} filters @param {Record<string, unknown>} [extra] */
const returns = (filters, extra = {}) => ({
	resource: 'return',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	filters,
	...extra,
});

const NOT_WHOLE = (/** @type {string} */ field, /** @type {string} */ value) =>
	`${field} is ${value}, which is not a whole number of 1 or more`;
const NOT_AMOUNT = (/** @type {string} */ value) =>
	`Line 1 PRODUCT amount is ${value}, which is not an amount`;
const NOT_DATE = (/** @type {string} */ label, /** @type {string} */ value) =>
	`"${label}" is not a date: ${value}`;

/** @type {BadInput[]} */
const BAD_INPUTS = [
	// Cancel Lines: the purchase order
	{
		name: 'cancel: an expression that gives an empty purchase order ID',
		parameters: () => cancel({ purchaseOrderId: '={{ "" }}' }),
		message: '"Purchase Order ID" is empty',
		stage: 'input',
	},
	{
		name: 'cancel: a purchase order ID with letters',
		parameters: () => cancel({ purchaseOrderId: 'PO-1234567' }),
		message: '"Purchase Order ID" must be digits only, but it is "PO-1234567"',
		stage: 'input',
	},
	{
		name: 'cancel: a purchase order ID that arrives as a number above 2^53',
		parameters: () => cancel({ purchaseOrderId: '={{ 12345678901234567890 }}' }),
		message:
			'"Purchase Order ID" is the number 12345678901234567000, which is too large to be exact',
		description:
			'Pass the ID as text, e.g. "1796277083022": numbers above 9007199254740991 lose digits in JavaScript.',
		stage: 'input',
	},
	{
		name: 'cancel: a purchase order ID that is a boolean',
		parameters: () => cancel({ purchaseOrderId: '={{ true }}' }),
		message: '"Purchase Order ID" must be digits only, but it is true',
		stage: 'input',
	},
	// Cancel Lines: line numbers
	{
		name: 'cancel: a line number that is text',
		parameters: () => cancel({ lines: { line: [{ lineNumber: 'abc', quantity: 'all' }] } }),
		message: NOT_WHOLE('Line 1 to cancel: the line number', '"abc"'),
		stage: 'input',
	},
	{
		name: 'cancel: line number 0',
		parameters: () => cancelJson([0]),
		message: NOT_WHOLE('Line 1 to cancel: the line number', '0'),
		stage: 'input',
	},
	{
		name: 'cancel: a hexadecimal line number',
		parameters: () => cancelJson(['0x2']),
		message: NOT_WHOLE('Line 1 to cancel: the line number', '"0x2"'),
		stage: 'input',
	},
	{
		name: 'cancel: a fractional line number',
		parameters: () => cancelJson([1.5]),
		message: NOT_WHOLE('Line 1 to cancel: the line number', '1.5'),
		stage: 'input',
	},
	{
		name: 'cancel: a boolean in the list of lines',
		parameters: () => cancelJson([true]),
		message: 'Line 1 to cancel is true, which is not a line',
		stage: 'input',
	},
	// Cancel Lines: quantities ("all" must be said, never implied)
	{
		name: 'cancel: a fractional quantity',
		parameters: () => cancelQuantity(1.5),
		message: NOT_WHOLE('Line 1 quantity', '1.5'),
		stage: 'input',
	},
	{
		name: 'cancel: a negative quantity',
		parameters: () => cancelJson([{ lineNumber: 1, quantity: -2 }]),
		message: NOT_WHOLE('Line 1 quantity', '-2'),
		stage: 'input',
	},
	{
		name: 'cancel: a blank quantity',
		parameters: () => cancelQuantity(' '),
		message: NOT_WHOLE('Line 1 quantity', '" "'),
		stage: 'input',
	},
	{
		name: 'cancel: quantity false',
		parameters: () => cancelJson([{ lineNumber: 1, quantity: false }]),
		message: NOT_WHOLE('Line 1 quantity', 'false'),
		stage: 'input',
	},
	{
		name: 'cancel: quantity as an empty array',
		parameters: () => cancelJson([{ lineNumber: 1, quantity: [] }]),
		message: NOT_WHOLE('Line 1 quantity', '[]'),
		stage: 'input',
	},
	{
		name: 'cancel: a hexadecimal quantity',
		parameters: () => cancelQuantity('0x2'),
		message: NOT_WHOLE('Line 1 quantity', '"0x2"'),
		stage: 'input',
	},
	{
		name: 'cancel: a quantity with an exponent',
		parameters: () => cancelQuantity('1e2'),
		message: NOT_WHOLE('Line 1 quantity', '"1e2"'),
		stage: 'input',
	},
	{
		name: 'cancel: quantity Infinity',
		parameters: () => cancelQuantity('Infinity'),
		message: NOT_WHOLE('Line 1 quantity', '"Infinity"'),
		stage: 'input',
	},
	{
		name: 'cancel: quantity 0 (once meaning "everything")',
		parameters: () => cancelQuantity(0),
		message: NOT_WHOLE('Line 1 quantity', '0'),
		description:
			'Enter how many units of the line should end up cancelled, such as 1, or "all" for every open unit.',
		stage: 'input',
	},
	{
		name: 'cancel: a JSON line without a quantity',
		parameters: () => cancelJson([{ lineNumber: '1' }]),
		message: 'Line 1 has no quantity',
		stage: 'input',
	},
	{
		name: 'cancel: the same line listed twice',
		parameters: () => cancelJson([{ lineNumber: 1, quantity: 1 }, 1]),
		message: 'Line 1 is listed twice',
		stage: 'input',
	},
	{
		name: 'cancel: no lines at all',
		parameters: () => cancel({ lines: {} }),
		message: 'No lines to cancel were given',
		stage: 'input',
	},
	{
		name: 'cancel: lines that are not JSON',
		parameters: () => cancel({ lineSelection: 'json', linesJson: '[1, 2' }),
		message: '"Lines (JSON)" is not valid JSON',
		stage: 'input',
	},
	{
		name: 'cancel: lines JSON that is a bare text',
		parameters: () => cancel({ lineSelection: 'json', linesJson: '"abc"' }),
		message: '"Lines (JSON)" is "\\"abc\\"", which is not a list',
		stage: 'input',
	},
	{
		name: 'cancel: a line selection that is not a choice',
		parameters: () => cancel({ lineSelection: 'everything' }),
		message: '"Lines to Cancel" is "everything", which is not one of its choices',
		stage: 'input',
	},
	// Cancel Lines: reasons and options
	{
		name: 'cancel: a Seller Center label as reason',
		parameters: () => cancel({ reason: 'CUSTOMER_CHANGED_MIND' }),
		message:
			'"Cancellation Reason" "CUSTOMER_CHANGED_MIND" is not a Walmart cancellation reason for the US market',
		description:
			'Use one of: CUSTOMER_REQUESTED_SELLER_TO_CANCEL, SELLER_CANCEL_ADDRESS_NOT_SERVICEABLE, SELLER_CANCEL_FRAUD_STOP_SHIPMENT, SELLER_CANCEL_OUT_OF_STOCK, SELLER_CANCEL_PRICING_ERROR.',
		stage: 'input',
	},
	{
		name: 'cancel: a reason in the wrong case',
		parameters: () => cancel({ reason: 'seller_cancel_out_of_stock' }),
		message:
			'"Cancellation Reason" "seller_cancel_out_of_stock" is not a Walmart cancellation reason for the US market',
		description: 'Walmart is case-sensitive: use "SELLER_CANCEL_OUT_OF_STOCK".',
		stage: 'input',
	},
	{
		name: 'cancel: a Canada-only reason on a US credential',
		parameters: () => cancel({ reason: 'CANCEL_BY_SELLER' }),
		message:
			'"Cancellation Reason" "CANCEL_BY_SELLER" is not a Walmart cancellation reason for the US market',
		stage: 'input',
	},
	{
		name: 'cancel: an empty reason from an expression',
		parameters: () => cancel({ reason: '={{ "" }}' }),
		message: '"Cancellation Reason" "" is not a Walmart cancellation reason for the US market',
		stage: 'input',
	},
	{
		name: 'cancel: an unknown choice for lines that cannot be cancelled',
		parameters: () => cancel({ options: { ineligible: 'maybe' } }),
		message: '"Lines That Cannot Be Cancelled" is "maybe", which is not one of its choices',
		stage: 'input',
	},
	{
		name: 'cancel: Dry Run "yes"',
		parameters: () => cancel({ options: { dryRun: 'yes' } }),
		message: '"Dry Run" is "yes", which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'cancel: Dry Run 1',
		parameters: () => cancel({ options: { dryRun: 1 } }),
		message: '"Dry Run" is 1, which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'cancel: a hexadecimal timeout',
		parameters: () => cancel({ options: { timeoutSeconds: '0x10' } }),
		message: NOT_WHOLE('"Request Timeout (Seconds)"', '"0x10"'),
		stage: 'input',
	},
	{
		name: 'cancel: a read-back window of 0',
		parameters: () => cancel({ options: { readBackSeconds: 0 } }),
		message: NOT_WHOLE('"Read-Back Window (Seconds)"', '0'),
		stage: 'input',
	},
	{
		name: 'cancel: Simplify "nope"',
		parameters: () => cancel({ simplify: 'nope' }),
		message: '"Simplify" is "nope", which is neither true nor false',
		stage: 'input',
	},
	// Cancel Lines: refused against the live order
	{
		name: 'cancel: more units than are open',
		parameters: () => cancelQuantity(99),
		message:
			'Line 1 asks for 99 unit(s) cancelled, but 0 is cancelled and only 1 is open (Created 1). Nothing was cancelled.',
		stage: 'plan',
	},
	{
		name: 'cancel: a shipped line',
		parameters: (fixtures) => cancel({ purchaseOrderId: fixtures.shipped.purchaseOrderId }),
		message:
			/^Line 1 cannot be cancelled: it is Shipped \d+; only Created or Acknowledged quantity can be cancelled\. Nothing was cancelled\.$/,
		stage: 'plan',
	},
	{
		name: 'cancel: an unknown line',
		parameters: () => cancel({ lines: { line: [{ lineNumber: '999', quantity: 1 }] } }),
		message: `Line 999 does not exist on purchase order ${PO250} (its lines: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 … 250 (250 lines)). Nothing was cancelled.`,
		stage: 'plan',
	},
	{
		name: 'cancel: a WFS order',
		parameters: (fixtures) =>
			cancel({ purchaseOrderId: fixtures.wfs.purchaseOrderId, lineSelection: 'all' }),
		message: /^Purchase order \d+ is fulfilled by Walmart \(WFS\) and cannot be cancelled here$/,
		stage: 'plan',
	},
	// Refund Lines: amounts
	{
		name: 'refund: an amount that is a word',
		parameters: (f) => refundAmount(f, 'ten'),
		message: NOT_AMOUNT('"ten"'),
		stage: 'input',
	},
	{
		name: 'refund: an amount of zero',
		parameters: (f) => refundAmount(f, 0),
		message: 'Line 1 PRODUCT amount is 0',
		stage: 'input',
	},
	{
		name: 'refund: an amount with fractions of a cent',
		parameters: (f) => refundAmount(f, 1.234),
		message: 'Line 1 PRODUCT amount is 1.234, which has more than 2 decimals',
		stage: 'input',
	},
	{
		name: 'refund: a hexadecimal amount',
		parameters: (f) => refundAmount(f, '0x0A'),
		message: NOT_AMOUNT('"0x0A"'),
		stage: 'input',
	},
	{
		name: 'refund: an amount in an array',
		parameters: (f) => refundAmount(f, [5]),
		message: NOT_AMOUNT('[5]'),
		stage: 'input',
	},
	{
		name: 'refund: an amount that is a boolean',
		parameters: (f) => refundAmount(f, true),
		message: NOT_AMOUNT('true'),
		stage: 'input',
	},
	{
		name: 'refund: a blank amount',
		parameters: (f) => refundAmount(f, ''),
		message: NOT_AMOUNT('""'),
		stage: 'input',
	},
	{
		name: 'refund: an amount with an exponent',
		parameters: (f) => refundAmount(f, '1e3'),
		message: NOT_AMOUNT('"1e3"'),
		stage: 'input',
	},
	{
		name: 'refund: a currency sign in the amount',
		parameters: (f) => refundAmount(f, '$5'),
		message: NOT_AMOUNT('"$5"'),
		stage: 'input',
	},
	{
		name: 'refund: a missing amount',
		parameters: (f) => refund(f, { amount: undefined }),
		message: NOT_AMOUNT('empty'),
		stage: 'input',
	},
	{
		name: 'refund: a tax amount that is a word',
		parameters: (f) => refund(f, { taxAmount: 'abc' }),
		message: 'Line 1 PRODUCT tax amount is "abc", which is not an amount',
		stage: 'input',
	},
	{
		name: 'refund: a blank tax amount',
		parameters: (f) => refund(f, { taxAmount: ' ' }),
		message: 'Line 1 PRODUCT tax amount is " ", which is not an amount',
		stage: 'input',
	},
	// Refund Lines: charge types, reasons, lines
	{
		name: 'refund: an unknown charge type',
		parameters: (f) => refund(f, { chargeType: 'FEE' }),
		message: 'Line 1 charge type is "FEE", which Walmart does not accept',
		description: 'Use one of: PRODUCT, SHIPPING.',
		stage: 'input',
	},
	{
		name: 'refund: a charge type in lower case',
		parameters: (f) => refund(f, { chargeType: 'product' }),
		message: 'Line 1 charge type is "product", which Walmart does not accept',
		description: 'Walmart spells it exactly "PRODUCT".',
		stage: 'input',
	},
	{
		name: 'refund: a missing charge type',
		parameters: (f) => refund(f, { chargeType: undefined }),
		message: 'Line 1 charge type is empty, which Walmart does not accept',
		stage: 'input',
	},
	{
		name: 'refund: a refund reason with the wrong spelling',
		parameters: (f) => refund(f, { reason: 'Damaged Item' }),
		message: 'Line 1 refund reason is "Damaged Item", which Walmart does not accept',
		description: 'Walmart spells it exactly "DamagedItem".',
		stage: 'input',
	},
	{
		name: 'refund: a refund reason Walmart does not know',
		parameters: (f) => refund(f, { reason: 'Changed mind' }),
		message: 'Line 1 refund reason is "Changed mind", which Walmart does not accept',
		stage: 'input',
	},
	{
		name: 'refund: no refund reason',
		parameters: (f) => refund(f, { reason: undefined }),
		message: 'Line 1 refund reason is empty, which Walmart does not accept',
		stage: 'input',
	},
	{
		name: 'refund: a line number that is text',
		parameters: (f) => refund(f, { lineNumber: 'one' }),
		message: NOT_WHOLE('Refund line 1: the line number', '"one"'),
		stage: 'input',
	},
	{
		name: 'refund: a refund line that is not an object',
		parameters: (f) => ({ ...refund(f, {}), linesJson: '[1]' }),
		message: 'Refund line 1 is 1, not an object',
		stage: 'input',
	},
	{
		name: 'refund: comments that are not text',
		parameters: (f) => refund(f, { comments: { note: 'x' } }),
		message: '"Line 1 comments" is {"note":"x"}, which is not text',
		stage: 'input',
	},
	{
		name: 'refund: a refund type that is not a choice',
		parameters: (f) => refund(f, {}, { refundType: 'half' }),
		message: '"Refund Type" is "half", which is not one of its choices',
		stage: 'input',
	},
	{
		name: 'refund: Allow Repeat Refunds "sure"',
		parameters: (f) => refund(f, {}, { options: { allowRepeat: 'sure' } }),
		message: '"Allow Repeat Refunds" is "sure", which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'refund: Dry Run "TRUE" (only true/false and "true"/"false" count)',
		parameters: (f) => refund(f, {}, { options: { dryRun: 'TRUE' } }),
		message: '"Dry Run" is "TRUE", which is neither true nor false',
		stage: 'input',
	},
	// Refund Lines: refused against the live order
	{
		name: 'refund: the same line and charge listed twice',
		parameters: (f) => ({
			...refund(f, {}),
			linesJson: JSON.stringify(
				[0, 1].map(() => ({ lineNumber: 1, chargeType: 'PRODUCT', amount: 1, reason: 'Others' })),
			),
		}),
		message: 'Line 1 PRODUCT is listed twice. Nothing was refunded.',
		stage: 'plan',
	},
	{
		name: 'refund: a full refund of the same line listed twice',
		parameters: (f) => ({
			...refund(f, {}, { refundType: 'full' }),
			linesJson: JSON.stringify([0, 1].map(() => ({ lineNumber: 1, reason: 'Others' }))),
		}),
		message: 'Line 1 is listed twice. Nothing was refunded.',
		stage: 'plan',
	},
	{
		name: 'refund: an amount above what was charged',
		parameters: (f) => refundAmount(f, 100000),
		message:
			/^Line 1 PRODUCT: refunding 100000\.00 USD is more than the \d+\.\d\d left \(charged \d+\.\d\d, already refunded 0\.00\)\. Nothing was refunded\.$/,
		stage: 'plan',
	},
	{
		name: 'refund: tax above what was charged',
		parameters: (f) => refund(f, { taxAmount: 5000 }),
		message: /^Line 1 PRODUCT: refunding 5000\.00 USD of tax is more than the \d+\.\d\d left/,
		stage: 'plan',
	},
	{
		name: 'refund: a currency other than the order’s',
		parameters: (f) => refund(f, { currency: 'CAD' }),
		message:
			/^Line 1 is in CAD but purchase order \d+ was charged in USD\. Nothing was refunded\.$/,
		stage: 'plan',
	},
	{
		name: 'refund: a line that has not shipped',
		parameters: (f) => refund(f, {}, { purchaseOrderId: f.created.purchaseOrderId }),
		message:
			/^Line 1 has not shipped \(Created \d+\), and Walmart refunds only shipped or delivered lines\. Nothing was refunded\.$/,
		stage: 'plan',
	},
	{
		name: 'refund: an unknown line',
		parameters: (f) => refund(f, { lineNumber: 42 }),
		message:
			/^Line 42 does not exist on purchase order \d+ \(its lines: [\d, ]+\)\. Nothing was refunded\.$/,
		stage: 'plan',
	},
	// Refund Return
	{
		name: 'return refund: a return order ID with letters',
		parameters: (f) => returnRefund(f, { returnOrderId: 'RMA-1' }),
		message: '"Return Order ID" must be digits only, but it is "RMA-1"',
		stage: 'input',
	},
	{
		name: 'return refund: a return order ID that arrives as a number above 2^53',
		parameters: (f) => returnRefund(f, { returnOrderId: '={{ 103738048909818825 }}' }),
		message: '"Return Order ID" is the number 103738048909818830, which is too large to be exact',
		stage: 'input',
	},
	{
		name: 'return refund: a customer order ID with letters',
		parameters: (f) => returnRefund(f, { customerOrderId: 'SO-77' }),
		message: '"Customer Order ID" must be digits only, but it is "SO-77"',
		stage: 'input',
	},
	{
		name: 'return refund: a return line number that is text',
		parameters: (f) =>
			returnRefund(f, { lines: { line: [{ returnOrderLineNumber: 'x', quantity: 1 }] } }),
		message: NOT_WHOLE('Return line 1: the return line number', '"x"'),
		stage: 'input',
	},
	{
		name: 'return refund: a quantity that is a word',
		parameters: (f) =>
			returnRefund(f, { lines: { line: [{ returnOrderLineNumber: '1', quantity: 'some' }] } }),
		message: NOT_WHOLE('Return line 1 quantity', '"some"'),
		stage: 'input',
	},
	{
		name: 'return refund: the same return line twice',
		parameters: (f) =>
			returnRefund(f, {
				lines: {
					line: [
						{ returnOrderLineNumber: '1', quantity: 1 },
						{ returnOrderLineNumber: '1', quantity: 'all' },
					],
				},
			}),
		message: 'Return line 1 is listed twice',
		stage: 'input',
	},
	{
		name: 'return refund: no lines',
		parameters: (f) => returnRefund(f, { lines: {} }),
		message: 'No return lines were given',
		stage: 'input',
	},
	{
		name: 'return refund: more units than were returned',
		parameters: (f) =>
			returnRefund(f, {
				lines: { line: [{ returnOrderLineNumber: '1', quantity: f.returnQuantity + 5 }] },
			}),
		message:
			/^Return line 1 asks for \d+ unit\(s\) refunded, but only \d+ was returned\. Nothing was refunded\.$/,
		stage: 'plan',
	},
	// Ship Lines: carriers and method codes, spelled exactly as Walmart's spec has them
	{
		name: 'ship: a carrier Walmart does not list, typed into Carrier',
		parameters: () => ship({ carrier: 'Purolator' }),
		message: '"Carrier" is "Purolator", which is not one of Walmart’s carriers',
		description:
			'Use a carrier from Walmart’s list (75 names, in the Carrier dropdown) spelled exactly, such as UPS, USPS or FedEx; for any other carrier, choose "Other Carrier (Enter Its Name)" and enter its name and a tracking URL.',
		stage: 'input',
	},
	{
		name: 'ship: a carrier in the wrong case',
		parameters: () => ship({ carrier: 'fedex' }),
		message: '"Carrier" is "fedex", which is not one of Walmart’s carriers',
		description: 'Walmart spells it exactly "FedEx".',
		stage: 'input',
	},
	{
		name: 'ship: a carrier near miss in JSON ("DHL eCommerce")',
		parameters: () => shipJson([{ lineNumber: 1, quantity: 1, carrier: 'DHL eCommerce US' }]),
		message: 'Line 1 carrier is "DHL eCommerce US", which is not one of Walmart’s carriers',
		description: 'Walmart spells it exactly "DHL Ecommerce - US".',
		stage: 'input',
	},
	{
		name: 'ship: Other Carrier without a tracking URL',
		parameters: () => ship({ carrier: 'otherCarrier', otherCarrier: 'Purolator' }),
		message:
			'Line 1: the carrier "Purolator" is not one of Walmart’s, so a tracking URL is required',
		stage: 'input',
	},
	{
		name: 'ship: Other Carrier without its name',
		parameters: () =>
			ship({ carrier: 'otherCarrier', trackingURL: 'https://track.example/1Z999AA10123456784' }),
		message: '"Other Carrier Name" is empty',
		stage: 'input',
	},
	{
		name: 'ship: a listed carrier sent as otherCarrier',
		parameters: () =>
			shipJson([
				{ lineNumber: 1, quantity: 1, otherCarrier: 'ups', trackingURL: 'https://ups.example/1' },
			]),
		message: 'Line 1 otherCarrier is "ups", which is one of Walmart’s carriers',
		description: 'Choose "UPS" as the carrier instead: Walmart tracks its listed carriers itself.',
		stage: 'input',
	},
	{
		name: 'ship: both carrier and otherCarrier on one package',
		parameters: () =>
			shipJson([
				{
					lineNumber: 1,
					quantity: 1,
					carrier: 'UPS',
					otherCarrier: 'Purolator',
					trackingURL: 'https://purolator.example/1',
				},
			]),
		message: 'Line 1 carrier and Line 1 otherCarrier are both set',
		stage: 'input',
	},
	{
		name: 'ship: a method code in the wrong case',
		parameters: () => ship({ methodCode: 'standard' }),
		message: '"Method Code" is "standard", which Walmart does not accept',
		description: 'Walmart spells it exactly "Standard".',
		stage: 'input',
	},
	{
		name: 'ship: a method code spelt with an underscore in JSON',
		parameters: () => shipJson([{ lineNumber: 1, quantity: 1, methodCode: 'ONE_DAY' }]),
		message: 'Line 1 method code is "ONE_DAY", which Walmart does not accept',
		description: 'Walmart spells it exactly "OneDay".',
		stage: 'input',
	},
	{
		name: 'ship: a method code Walmart does not have',
		parameters: () => ship({ methodCode: 'Overnight' }),
		message: '"Method Code" is "Overnight", which Walmart does not accept',
		description: 'Use one of: Standard, Express, OneDay, Freight, WhiteGlove, Value.',
		stage: 'input',
	},
	// Ship Lines: ship dates
	{
		name: 'ship: a ship date in US notation',
		parameters: () => ship({ shipDate: '12/31/2026' }),
		message: '"Ship Date" is not a date: "12/31/2026"',
		stage: 'input',
	},
	{
		name: 'ship: February 30th as ship date',
		parameters: () => ship({ shipDate: '2026-02-30T10:00:00Z' }),
		message: '"Ship Date" is not a date: "2026-02-30T10:00:00Z"',
		stage: 'input',
	},
	{
		name: 'ship: a ship date in the future',
		parameters: () => ship({ shipDate: '2099-01-01T00:00:00Z' }),
		message: '"Ship Date" 2099-01-01T00:00:00Z is in the future',
		stage: 'input',
	},
	{
		name: 'ship: a package whose own ship date is in the future',
		parameters: () =>
			shipJson([{ lineNumber: 1, quantity: 1, shipDateTime: '2099-06-01T12:00:00Z' }]),
		message: 'Line 1 ship date 2099-06-01T12:00:00Z is in the future',
		stage: 'input',
	},
	// Ship Lines: tracking numbers, URLs and packages
	{
		name: 'ship: All Open Lines without a tracking number',
		parameters: () => ship({ lineSelection: 'all', trackingNumber: '' }),
		message: '"Tracking Number" is "", which is not a tracking number',
		stage: 'input',
	},
	{
		name: 'ship: a chosen line with no tracking number anywhere',
		parameters: () => ship({ trackingNumber: ' ' }),
		message: 'Line 1 has no tracking number',
		stage: 'input',
	},
	{
		name: 'ship: a tracking number that is a list',
		parameters: () => shipJson([{ lineNumber: 1, quantity: 1, trackingNumber: ['1Z1'] }]),
		message: 'Line 1 tracking number is ["1Z1"], which is not a tracking number',
		stage: 'input',
	},
	{
		name: 'ship: a tracking URL without https://',
		parameters: () => ship({ trackingURL: 'ups.com/track?n=1' }),
		message: '"Tracking URL" is "ups.com/track?n=1", which is not a web address',
		stage: 'input',
	},
	{
		name: 'ship: the same line and tracking number twice',
		parameters: () =>
			ship({
				lines: {
					line: [
						{ lineNumber: '1', quantity: 1, trackingNumber: 'PKG-1' },
						{ lineNumber: '1', quantity: 1, trackingNumber: 'PKG-1' },
					],
				},
			}),
		message: 'Line 1 is listed twice with tracking number PKG-1',
		stage: 'input',
	},
	{
		name: 'ship: "all" for a line that is also split into packages',
		parameters: () =>
			shipJson([
				{ lineNumber: 1, quantity: 'all', trackingNumber: 'PKG-1' },
				{ lineNumber: 1, quantity: 1, trackingNumber: 'PKG-2' },
			]),
		message: 'Line 1 has a package with quantity "all" and other packages',
		stage: 'input',
	},
	{
		name: 'ship: quantity 0',
		parameters: () => ship({ lines: { line: [{ lineNumber: '1', quantity: 0 }] } }),
		message: NOT_WHOLE('Line 1 quantity', '0'),
		stage: 'input',
	},
	{
		name: 'ship: a JSON package without a quantity',
		parameters: () => shipJson([{ lineNumber: 1, trackingNumber: 'PKG-1' }]),
		message: 'Line 1 has no quantity',
		stage: 'input',
	},
	{
		name: 'ship: a misspelt field in a JSON package',
		parameters: () => shipJson([{ lineNumber: 1, quantity: 1, tracking_number: 'PKG-9' }]),
		message: 'Line 1 to ship has the field "tracking_number", which Ship Lines does not read',
		stage: 'input',
	},
	{
		name: 'ship: no lines at all',
		parameters: () => ship({ lines: {} }),
		message: 'No lines to ship were given',
		stage: 'input',
	},
	{
		name: 'ship: a line selection that is not a choice',
		parameters: () => ship({ lineSelection: 'open' }),
		message: '"Lines to Ship" is "open", which is not one of its choices',
		stage: 'input',
	},
	{
		name: 'ship: the intent-to-cancel override "yes"',
		parameters: () => ship({ options: { intentToCancelOverride: 'yes' } }),
		message: '"Ship Lines the Customer Asked to Cancel" is "yes", which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'ship: a seller order ID longer than Walmart allows',
		parameters: () => ship({ options: { sellerOrderId: 'ERP-SO-2026-0000000000000000001' } }),
		message: '"Seller Order ID" has 31 characters',
		description: 'Walmart takes at most 30.',
		stage: 'input',
	},
	// Ship Lines: refused against the live order, before anything is sent
	{
		name: 'ship: more units than are open',
		parameters: () => ship({ lines: { line: [{ lineNumber: '1', quantity: 2 }] } }),
		message:
			'Line 1 would ship 2 unit(s), but only 1 is open (Created 1); Walmart never ships more than is open. Nothing was shipped.',
		stage: 'plan',
	},
	{
		name: 'ship: more units than are open, over two packages',
		parameters: () =>
			shipJson([
				{ lineNumber: 1, quantity: 1, trackingNumber: 'PKG-1' },
				{ lineNumber: 1, quantity: 1, trackingNumber: 'PKG-2' },
			]),
		message:
			'Line 1 would ship 2 unit(s), but only 1 is open (Created 1); Walmart never ships more than is open. Nothing was shipped.',
		stage: 'plan',
	},
	{
		name: 'ship: a cancelled line',
		parameters: (f) => ship({ purchaseOrderId: f.cancelled.purchaseOrderId }),
		message:
			/^Line 1 is cancelled \(Cancelled \d+\) and cannot be shipped\. Nothing was shipped\.$/,
		stage: 'plan',
	},
	{
		name: 'ship: a line already shipped under another tracking number',
		parameters: (f) =>
			ship({ purchaseOrderId: f.shipped.purchaseOrderId, trackingNumber: 'NEW-1' }),
		message:
			/^Line 1 has nothing left to ship: it is Shipped \d+; only Created or Acknowledged quantity can ship\. Nothing was shipped\.$/,
		stage: 'plan',
	},
	{
		name: 'ship: a line the customer asked to cancel, without the override',
		parameters: (f) =>
			ship({
				purchaseOrderId: f.intent.purchaseOrderId,
				lines: { line: [{ lineNumber: f.intentLine, quantity: 'all' }] },
			}),
		message:
			/^Line \d+ is one the customer asked to cancel \(Walmart’s intent-to-cancel flag\)\. Nothing was shipped\.$/,
		stage: 'plan',
	},
	{
		name: 'ship: a WFS order',
		parameters: (f) => ship({ purchaseOrderId: f.wfs.purchaseOrderId }),
		message: /^Purchase order \d+ is fulfilled by Walmart \(WFS\) and cannot be shipped here$/,
		stage: 'plan',
	},
	{
		name: 'ship: a ship date before the order date',
		parameters: () => ship({ shipDate: '2020-01-01T00:00:00Z' }),
		message:
			/^The ship date 2020-01-01T00:00:00Z is before the order date \S+Z of purchase order 9000000000250$/,
		stage: 'plan',
	},
	{
		name: 'ship: an unknown line',
		parameters: () => ship({ lines: { line: [{ lineNumber: '251', quantity: 1 }] } }),
		message: `Line 251 does not exist on purchase order ${PO250} (its lines: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 … 250 (250 lines)). Nothing was shipped.`,
		stage: 'plan',
	},
	// Acknowledge
	{
		name: 'acknowledge: a purchase order ID with letters',
		parameters: () => acknowledge({ purchaseOrderId: 'PO 9000000000250' }),
		message: '"Purchase Order ID" must be digits only, but it is "PO 9000000000250"',
		stage: 'input',
	},
	{
		name: 'acknowledge: Dry Run "no"',
		parameters: () => acknowledge({ options: { dryRun: 'no' } }),
		message: '"Dry Run" is "no", which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'acknowledge: a WFS order',
		parameters: (f) => acknowledge({ purchaseOrderId: f.wfs.purchaseOrderId }),
		message: /^Purchase order \d+ is fulfilled by Walmart \(WFS\) and cannot be acknowledged here$/,
		stage: 'plan',
	},
	// Update Tracking
	{
		name: 'update tracking: a correction that changes nothing',
		parameters: () => updateTracking({ corrections: { line: [{ lineNumber: '1' }] } }),
		message: 'Line 1 has nothing to correct',
		stage: 'input',
	},
	{
		name: 'update tracking: a method code in the wrong case',
		parameters: () => updateJson([{ lineNumber: 1, trackingNumber: 'X', methodCode: 'express' }]),
		message: 'Line 1 method code is "express", which Walmart does not accept',
		description: 'Walmart spells it exactly "Express".',
		stage: 'input',
	},
	{
		name: 'update tracking: a carrier Walmart does not list',
		parameters: () => updateTracking({ carrier: 'Royal Mail UK' }),
		message: '"Carrier" is "Royal Mail UK", which is not one of Walmart’s carriers',
		stage: 'input',
	},
	{
		name: 'update tracking: the same package twice',
		parameters: () =>
			updateJson([
				{ lineNumber: 1, currentTrackingNumber: 'A', trackingNumber: 'B' },
				{ lineNumber: 1, currentTrackingNumber: 'A', trackingNumber: 'C' },
			]),
		message: 'Line 1 is listed twice with current tracking number A',
		stage: 'input',
	},
	{
		name: 'update tracking: a line that has not shipped',
		parameters: () => updateTracking(),
		message:
			'Line 1 is not shipped (Created 1); only shipped lines have tracking to correct. Nothing was updated.',
		stage: 'plan',
	},
	{
		name: 'update tracking: a current tracking number that is not on the line',
		parameters: (f) =>
			updateTracking({
				purchaseOrderId: f.shipped.purchaseOrderId,
				corrections: {
					line: [{ lineNumber: '1', currentTrackingNumber: 'NOPE', trackingNumber: 'NEW' }],
				},
			}),
		message: /^Line 1 has no shipped package with tracking number NOPE\. Nothing was updated\.$/,
		stage: 'plan',
	},
	{
		name: 'update tracking: a WFS order',
		parameters: (f) => updateTracking({ purchaseOrderId: f.wfs.purchaseOrderId }),
		message:
			/^Purchase order \d+ is fulfilled by Walmart \(WFS\) and its tracking cannot be updated here$/,
		stage: 'plan',
	},
	// Reads
	{
		name: 'get: an empty purchase order ID',
		parameters: () => ({ resource: 'order', operation: 'get', purchaseOrderId: ' ' }),
		message: '"Purchase Order ID" is empty',
		stage: 'input',
	},
	{
		name: 'get: Include Product Info "yes"',
		parameters: () => ({
			resource: 'order',
			operation: 'get',
			purchaseOrderId: PO250,
			options: { productInfo: 'yes' },
		}),
		message: '"Include Product Info" is "yes", which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'get many: a hexadecimal limit',
		parameters: () => orders({}, { limit: '0x10' }),
		message: NOT_WHOLE('"Limit"', '"0x10"'),
		stage: 'input',
	},
	{
		name: 'get many: a limit of 0',
		parameters: () => orders({}, { limit: 0 }),
		message: NOT_WHOLE('"Limit"', '0'),
		stage: 'input',
	},
	{
		name: 'get many: a blank limit',
		parameters: () => orders({}, { limit: '' }),
		message: NOT_WHOLE('"Limit"', '""'),
		stage: 'input',
	},
	{
		name: 'get many: Return All "yes"',
		parameters: () => orders({}, { returnAll: 'yes' }),
		message: '"Return All" is "yes", which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'get many: the date "1"',
		parameters: () => orders({ createdStartDate: '1' }),
		message: NOT_DATE('Created After', '"1"'),
		stage: 'input',
	},
	{
		name: 'get many: the date "foo 2020"',
		parameters: () => orders({ createdStartDate: 'foo 2020' }),
		message: NOT_DATE('Created After', '"foo 2020"'),
		stage: 'input',
	},
	{
		name: 'get many: the date "12/31"',
		parameters: () => orders({ createdEndDate: '12/31' }),
		message: NOT_DATE('Created Before', '"12/31"'),
		stage: 'input',
	},
	{
		name: 'get many: month 13, day 45',
		parameters: () => orders({ createdStartDate: '2026-13-45' }),
		message: NOT_DATE('Created After', '"2026-13-45"'),
		stage: 'input',
	},
	{
		name: 'get many: February 30th',
		parameters: () => orders({ lastModifiedStartDate: '2026-02-30' }),
		message: NOT_DATE('Last Modified After', '"2026-02-30"'),
		stage: 'input',
	},
	{
		name: 'get many: 25 o’clock',
		parameters: () => orders({ createdStartDate: '2026-11-01T25:00:00Z' }),
		message: NOT_DATE('Created After', '"2026-11-01T25:00:00Z"'),
		stage: 'input',
	},
	{
		name: 'get many: the number 1 as a date',
		parameters: () => orders({ createdStartDate: '={{ 1 }}' }),
		message: NOT_DATE('Created After', '1'),
		stage: 'input',
	},
	{
		name: 'get many: a start after its end',
		parameters: () => orders({ createdStartDate: '2026-11-02', createdEndDate: '2026-11-01' }),
		message: '"Created After" (2026-11-02) is after "Created Before" (2026-11-01)',
		stage: 'input',
	},
	{
		name: 'get many: a line status in the wrong case',
		parameters: () => orders({ status: 'shipped' }),
		message: '"Line Status" has the value "shipped", which Walmart does not accept',
		stage: 'input',
	},
	{
		name: 'get many: a ship node type Walmart does not know',
		parameters: () => orders({ shipNodeType: 'WFS' }),
		message: '"Ship Node Type" has the value "WFS", which Walmart does not accept',
		stage: 'input',
	},
	{
		name: 'get many: a purchase order filter with letters',
		parameters: () => orders({ purchaseOrderId: 'abc' }),
		message: '"Purchase Order ID" must be digits only, but it is "abc"',
		stage: 'input',
	},
	{
		name: 'get many: an output shape that is not a choice',
		parameters: () => orders({}, { options: { output: 'rows' } }),
		message: '"Output" is "rows", which is not one of its choices',
		stage: 'input',
	},
	{
		name: 'get many: Released Orders Only with a status filter',
		parameters: () => orders({ status: 'Created' }, { releasedOnly: true }),
		message: 'The "status" filter cannot be combined with "Released Orders Only"',
		stage: 'input',
	},
	{
		name: 'get many: Released Orders Only "yes"',
		parameters: () => orders({}, { releasedOnly: 'yes' }),
		message: '"Released Orders Only" is "yes", which is neither true nor false',
		stage: 'input',
	},
	{
		name: 'returns: a status in the wrong case',
		parameters: () => returns({ status: 'Initiated' }),
		message: '"Status" has the value "Initiated", which Walmart does not accept',
		stage: 'input',
	},
	{
		name: 'returns: the date "12/31"',
		parameters: () => returns({ returnCreationStartDate: '12/31' }),
		message: NOT_DATE('Created After', '"12/31"'),
		stage: 'input',
	},
	{
		name: 'returns: a negative limit',
		parameters: () => returns({}, { limit: -1 }),
		message: NOT_WHOLE('"Limit"', '-1'),
		stage: 'input',
	},
	{
		name: 'returns: a return order filter that arrives as a number above 2^53',
		parameters: () => returns({ returnOrderId: '={{ 103738048909818825 }}' }),
		message: '"Return Order ID" is the number 103738048909818830, which is too large to be exact',
		stage: 'input',
	},
];

module.exports = { BAD_INPUTS, findFixtures };
