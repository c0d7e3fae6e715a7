/**
 * Pure planner for Ship Lines: parsed packages and the live order in, the packages to send (or
 * what is refused) out. No n8n context, no HTTP.
 *
 * A package is units of one line under one tracking number. Its quantity means "this line ends
 * up with at least N units shipped under this tracking number", read against Walmart's own
 * state: a re-run finds the units already there and sends nothing; a package half there sends
 * only the missing units. Only Created or Acknowledged units can ship, never more.
 */
import { CARRIERS, METHOD_CODES, OTHER_CARRIER } from '../../descriptions/carriers';
import type { WalmartOrder, WalmartOrderLine } from '../../helpers/interfaces';
import type { LineLedger } from '../../helpers/ledger';
import { describeQuantities, lineLedger } from '../../helpers/ledger';
import {
	InputError,
	isPlainObject,
	parseLineNumber,
	parseQuantityOrAll,
	show,
} from '../../helpers/parse';
import type { TrackingInput } from '../../helpers/tracking';
import {
	carrierLabel,
	hasIntentToCancel,
	isoSeconds,
	parseCarrier,
	parseMethodCode,
	parseShipDate,
	parseTrackingNumber,
	parseTrackingUrl,
	sellerOrderIdFor,
	unitsUnderTracking,
} from '../../helpers/tracking';
import type { LineOutcome } from '../../helpers/writeRunner';
import type { CarrierName, ShipLineRequest, ShipPackageRequest } from '../../transport/api';

export interface RequestedPackage {
	lineNumber: string;
	/** Units that should end up shipped under this tracking number, or every open unit. */
	quantity: number | 'all';
	tracking: TrackingInput;
	/** Epoch milliseconds, whole seconds. */
	shipDateTime: number;
}

/** The node-level tracking fields, which every package takes unless it says otherwise. */
export interface PackageDefaults {
	carrier: unknown;
	otherCarrier: unknown;
	methodCode: unknown;
	trackingNumber: unknown;
	trackingURL: unknown;
	shipDateTime: number;
}

export interface ShipInput {
	/** The packages, or one package per open line with the default tracking. */
	packages: RequestedPackage[] | { all: Omit<RequestedPackage, 'lineNumber' | 'quantity'> };
	skipIneligible: boolean;
	/** Ship lines the customer asked to cancel (Walmart's intent-to-cancel flag). */
	intentToCancelOverride: boolean;
	sellerOrderId?: string;
}

/** One package to send, with the units still missing under its tracking number. */
export interface PlannedPackage extends RequestedPackage {
	quantity: number;
}

export interface ShipPlan {
	toShip: ShipLineRequest[];
	/** The same packages, one outcome each, in the order they are sent. */
	planned: LineOutcome[];
	skipped: LineOutcome[];
}

const JSON_FIELDS = [
	'lineNumber',
	'quantity',
	'trackingNumber',
	'carrier',
	'otherCarrier',
	'methodCode',
	'trackingURL',
	'shipDateTime',
];

const CARRIER_FIELDS = (where: string) => ({
	carrier: `${where} carrier`,
	otherCarrier: `${where} otherCarrier`,
	howToOther: 'give the carrier’s name as "otherCarrier" with a "trackingURL"',
});

const present = (value: unknown) =>
	value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

const NODE_CARRIER_FIELDS = {
	carrier: '"Carrier"',
	otherCarrier: '"Other Carrier Name"',
	howToOther: 'choose "Other Carrier (Enter Its Name)" and enter its name and a tracking URL',
};

function describeLineNumbers(order: WalmartOrder): string {
	const numbers = order.orderLines.orderLine.map((line) => line.lineNumber);
	if (numbers.length <= 12) return numbers.join(', ');
	return `${numbers.slice(0, 10).join(', ')} … ${numbers[numbers.length - 1]} (${numbers.length} lines)`;
}

function finishTracking(
	tracking: Omit<TrackingInput, 'trackingURL'> & { trackingURL?: string },
	where: string,
): TrackingInput {
	if ('otherCarrier' in tracking.carrierName && !tracking.trackingURL) {
		throw new InputError(
			`${where}: the carrier "${tracking.carrierName.otherCarrier}" is not one of Walmart’s, so a tracking URL is required`,
			'Enter the tracking URL (the carrier’s tracking page for this package), or choose one of Walmart’s carriers.',
		);
	}
	return tracking;
}

/** The node's Carrier field: one of Walmart's, or "Other Carrier" with its name. */
function nodeCarrier(defaults: PackageDefaults): CarrierName {
	if (defaults.carrier !== OTHER_CARRIER) {
		return parseCarrier(defaults.carrier, undefined, NODE_CARRIER_FIELDS, CARRIERS);
	}
	if (!present(defaults.otherCarrier)) {
		throw new InputError(
			'"Other Carrier Name" is empty',
			'Enter the carrier’s name, or choose one of Walmart’s carriers in Carrier.',
		);
	}
	return parseCarrier(undefined, defaults.otherCarrier, NODE_CARRIER_FIELDS, CARRIERS);
}

/**
 * The node-level tracking, for "All Open Lines": every field must be there, the tracking number
 * included.
 */
export function parseDefaultTracking(defaults: PackageDefaults): TrackingInput {
	const carrierName = nodeCarrier(defaults);
	return finishTracking(
		{
			carrierName,
			methodCode: parseMethodCode(defaults.methodCode, '"Method Code"', METHOD_CODES),
			trackingNumber: parseTrackingNumber(defaults.trackingNumber, '"Tracking Number"'),
			trackingURL: parseTrackingUrl(defaults.trackingURL, '"Tracking URL"'),
		},
		'The shipment',
	);
}

function parseQuantity(value: unknown, lineNumber: string): number | 'all' {
	return parseQuantityOrAll(
		value,
		`Line ${lineNumber} quantity`,
		'Enter how many units of the line go in this package, such as 1, or "all" for every open unit.',
	);
}

/**
 * The packages, from the form (line number, quantity, optional tracking number) or from JSON
 * (objects that may also carry their own carrier, method, URL and ship date). A bare line number
 * in JSON ships every open unit of the line with the node's tracking.
 */
export function parseRequestedPackages(
	entries: unknown[],
	fromJson: boolean,
	defaults: PackageDefaults,
	now: number,
	timeZone: string,
): RequestedPackage[] {
	if (entries.length === 0) {
		throw new InputError(
			'No lines to ship were given',
			'Add at least one line, or choose "All Open Lines" in Lines to Ship.',
		);
	}
	const seen = new Set<string>();
	const wholeLines = new Set<string>();
	const packageCount = new Map<string, number>();
	const packages = entries.map((entry, position) => {
		const isEntryObject = isPlainObject(entry);
		if (!isEntryObject && (!fromJson || typeof entry === 'boolean' || Array.isArray(entry))) {
			throw new InputError(
				`Line ${position + 1} to ship is ${show(entry)}, which is not a line`,
				'Give each package as a line number, or as {"lineNumber": "1", "quantity": 1, "trackingNumber": "…"}.',
			);
		}
		const fields: Record<string, unknown> = isEntryObject ? entry : { lineNumber: entry };
		if (fromJson && isEntryObject) {
			const unknown = Object.keys(fields).find((key) => !JSON_FIELDS.includes(key));
			if (unknown !== undefined) {
				throw new InputError(
					`Line ${position + 1} to ship has the field "${unknown}", which Ship Lines does not read`,
					`Use only ${JSON_FIELDS.join(', ')}; a misspelt field would otherwise be replaced by the node’s own value.`,
				);
			}
		}
		const lineNumber = parseLineNumber(
			fields.lineNumber,
			`Line ${position + 1} to ship: the line number`,
		);
		let quantity: number | 'all' = 'all';
		if (isEntryObject) {
			if (fields.quantity === undefined || fields.quantity === null) {
				throw new InputError(
					`Line ${lineNumber} has no quantity`,
					'Add "quantity": the whole number of units in this package, or "all" for every open unit.',
				);
			}
			quantity = parseQuantity(fields.quantity, lineNumber);
		}
		const where = `Line ${lineNumber}`;
		const ownCarrier = present(fields.carrier) || present(fields.otherCarrier);
		const carrierName = ownCarrier
			? parseCarrier(fields.carrier, fields.otherCarrier, CARRIER_FIELDS(where), CARRIERS)
			: nodeCarrier(defaults);
		const methodCode = present(fields.methodCode)
			? parseMethodCode(fields.methodCode, `${where} method code`, METHOD_CODES)
			: parseMethodCode(defaults.methodCode, '"Method Code"', METHOD_CODES);
		const ownNumber = present(fields.trackingNumber);
		if (!ownNumber && !present(defaults.trackingNumber)) {
			throw new InputError(
				`${where} has no tracking number`,
				'Enter the Tracking Number field, or give the line its own tracking number.',
			);
		}
		const trackingNumber = ownNumber
			? parseTrackingNumber(fields.trackingNumber, `${where} tracking number`)
			: parseTrackingNumber(defaults.trackingNumber, '"Tracking Number"');
		const trackingURL = present(fields.trackingURL)
			? parseTrackingUrl(fields.trackingURL, `${where} tracking URL`)
			: parseTrackingUrl(defaults.trackingURL, '"Tracking URL"');
		const shipDateTime = present(fields.shipDateTime)
			? parseShipDate(fields.shipDateTime, `${where} ship date`, now, timeZone)
			: defaults.shipDateTime;
		const key = `${lineNumber}|${trackingNumber}`;
		if (seen.has(key)) {
			throw new InputError(
				`Line ${lineNumber} is listed twice with tracking number ${trackingNumber}`,
				'List each package once, with all of its units in its quantity.',
			);
		}
		seen.add(key);
		packageCount.set(lineNumber, (packageCount.get(lineNumber) ?? 0) + 1);
		if (quantity === 'all') wholeLines.add(lineNumber);
		return {
			lineNumber,
			quantity,
			tracking: finishTracking({ carrierName, methodCode, trackingNumber, trackingURL }, where),
			shipDateTime,
		};
	});
	for (const lineNumber of wholeLines) {
		if ((packageCount.get(lineNumber) ?? 0) > 1) {
			throw new InputError(
				`Line ${lineNumber} has a package with quantity "all" and other packages`,
				'Give every package of a line split over several tracking numbers its number of units.',
			);
		}
	}
	return packages;
}

function outcomeOf(pack: RequestedPackage, quantity: number): LineOutcome {
	return {
		lineNumber: pack.lineNumber,
		outcome: 'planned',
		quantity,
		trackingNumber: pack.tracking.trackingNumber,
		carrier: carrierLabel(pack.tracking.carrierName),
		methodCode: pack.tracking.methodCode,
		...(pack.tracking.trackingURL ? { trackingURL: pack.tracking.trackingURL } : {}),
		shipDateTime: isoSeconds(pack.shipDateTime),
	};
}

interface LinePlan {
	send: PlannedPackage[];
	skipped: LineOutcome[];
	/** Why nothing of this line may ship; the whole line is then refused. */
	refusal?: string;
}

/** What one line's packages come to against its ledger; `skipped` holds packages already there. */
function planLine(
	line: WalmartOrderLine,
	ledger: LineLedger,
	packages: RequestedPackage[],
	input: ShipInput,
): LinePlan {
	const lineNumber = ledger.lineNumber;
	const statuses = describeQuantities(ledger.quantities);
	const result: LinePlan = { send: [], skipped: [] };
	for (const pack of packages) {
		const already = unitsUnderTracking(line, pack.tracking.trackingNumber);
		const skip = (message: string) =>
			result.skipped.push({ ...outcomeOf(pack, 0), outcome: 'skipped', message });
		if (pack.quantity === 'all') {
			if (ledger.openQuantity === 0 && already > 0) {
				skip(
					`Line ${lineNumber} already has ${already} unit(s) shipped under tracking number ${pack.tracking.trackingNumber} and nothing open (${statuses}); not sent again`,
				);
			} else {
				result.send.push({ ...pack, quantity: ledger.openQuantity });
			}
			continue;
		}
		if (already >= pack.quantity) {
			skip(
				`Line ${lineNumber} already has ${already} unit(s) shipped under tracking number ${pack.tracking.trackingNumber}, at least the ${pack.quantity} asked for; not sent again`,
			);
			continue;
		}
		result.send.push({ ...pack, quantity: pack.quantity - already });
	}
	const units = result.send.reduce((sum, pack) => sum + pack.quantity, 0);
	if (result.send.length === 0) return result;
	if (ledger.openQuantity === 0) {
		result.refusal =
			ledger.cancelledQuantity > 0 && ledger.shippedQuantity === 0
				? `Line ${lineNumber} is cancelled (${statuses}) and cannot be shipped`
				: `Line ${lineNumber} has nothing left to ship: it is ${statuses}; only Created or Acknowledged quantity can ship`;
	} else if (units > ledger.openQuantity) {
		result.refusal = `Line ${lineNumber} would ship ${units} unit(s), but only ${ledger.openQuantity} is open (${statuses}); Walmart never ships more than is open`;
	} else if (hasIntentToCancel(line) && !input.intentToCancelOverride) {
		result.refusal = `Line ${lineNumber} is one the customer asked to cancel (Walmart’s intent-to-cancel flag)`;
	}
	return result;
}

export function planShip(order: WalmartOrder, input: ShipInput): ShipPlan {
	const purchaseOrderId = order.purchaseOrderId;
	if (order.shipNode?.type === 'WFSFulfilled') {
		throw new InputError(
			`Purchase order ${purchaseOrderId} is fulfilled by Walmart (WFS) and cannot be shipped here`,
			'Walmart ships WFS orders and reports their tracking itself; leave WFS orders out.',
		);
	}
	const lines = new Map(order.orderLines.orderLine.map((line) => [String(line.lineNumber), line]));
	const chosen = input.packages;
	const all = 'all' in chosen ? chosen.all : undefined;
	const requested: RequestedPackage[] =
		'all' in chosen
			? order.orderLines.orderLine.map((line) => ({
					...chosen.all,
					lineNumber: String(line.lineNumber),
					quantity: 'all',
				}))
			: chosen;
	const early = requested.find((pack) => pack.shipDateTime < order.orderDate);
	if (early) {
		throw new InputError(
			`The ship date ${isoSeconds(early.shipDateTime)} is before the order date ${isoSeconds(order.orderDate)} of purchase order ${purchaseOrderId}`,
			'Enter when the package left (after the order was placed), or leave Ship Date empty for now.',
		);
	}
	const byLine = new Map<string, RequestedPackage[]>();
	for (const pack of requested) {
		byLine.set(pack.lineNumber, [...(byLine.get(pack.lineNumber) ?? []), pack]);
	}
	const plan: ShipPlan = { toShip: [], planned: [], skipped: [] };
	const refused: LineOutcome[] = [];
	let alreadyShipped = 0;
	for (const [lineNumber, packages] of byLine) {
		const line = lines.get(lineNumber);
		if (!line) {
			refused.push(
				...packages.map((pack) => ({
					...outcomeOf(pack, 0),
					outcome: 'skipped' as const,
					message: `Line ${lineNumber} does not exist on purchase order ${purchaseOrderId} (its lines: ${describeLineNumbers(order)})`,
				})),
			);
			continue;
		}
		const ledger = lineLedger(line);
		if (
			all &&
			ledger.openQuantity === 0 &&
			unitsUnderTracking(line, packages[0].tracking.trackingNumber) === 0
		) {
			// Not chosen, only swept in by "All Open Lines": reported, never an error.
			plan.skipped.push({
				...outcomeOf(packages[0], 0),
				outcome: 'skipped',
				message: `Line ${lineNumber} has nothing open to ship (${describeQuantities(ledger.quantities)})`,
			});
			continue;
		}
		const result = planLine(line, ledger, packages, input);
		plan.skipped.push(...result.skipped);
		alreadyShipped += result.skipped.length;
		if (result.refusal) {
			refused.push(
				...result.send.map((pack) => ({
					...outcomeOf(pack, pack.quantity),
					outcome: 'skipped' as const,
					message: result.refusal,
				})),
			);
			continue;
		}
		if (result.send.length === 0) continue;
		plan.toShip.push({
			lineNumber,
			sellerOrderId: sellerOrderIdFor(order, line, input.sellerOrderId),
			...(hasIntentToCancel(line) ? { intentToCancelOverride: true } : {}),
			packages: result.send.map(
				(pack): ShipPackageRequest => ({
					quantity: pack.quantity,
					unitOfMeasurement: 'EACH',
					shipDateTime: pack.shipDateTime,
					carrierName: pack.tracking.carrierName,
					methodCode: pack.tracking.methodCode,
					trackingNumber: pack.tracking.trackingNumber,
					...(pack.tracking.trackingURL ? { trackingURL: pack.tracking.trackingURL } : {}),
				}),
			),
		});
		plan.planned.push(...result.send.map((pack) => outcomeOf(pack, pack.quantity)));
	}

	if (refused.length > 0 && !input.skipIneligible) {
		const messages = [...new Set(refused.map((line) => line.message))];
		const intent = refused.some((line) => line.message?.includes('intent-to-cancel'));
		throw new InputError(
			messages.length === 1
				? `${messages[0]}. Nothing was shipped.`
				: `${messages.length} lines cannot be shipped. Nothing was shipped.`,
			[
				...(messages.length === 1 ? [] : messages),
				...(intent
					? [
							'To ship a line the customer asked to cancel anyway (the customer is charged), turn on Options → Ship Lines the Customer Asked to Cancel; otherwise cancel it with Cancel Lines (reason CUSTOMER_REQUESTED_SELLER_TO_CANCEL).',
						]
					: []),
				'Remove these lines, or set Options → Lines That Cannot Be Shipped to "Skip Them, Ship the Rest".',
			].join('\n'),
		);
	}
	plan.skipped.push(...refused);
	if (all && plan.toShip.length === 0 && alreadyShipped === 0) {
		throw new InputError(
			`Purchase order ${purchaseOrderId} has no open lines to ship`,
			`Its lines are: ${order.orderLines.orderLine
				.map((line) => `${line.lineNumber} (${describeQuantities(lineLedger(line).quantities)})`)
				.join('; ')}.`,
		);
	}
	return plan;
}
