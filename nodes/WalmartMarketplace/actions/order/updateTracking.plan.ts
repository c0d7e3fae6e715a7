/**
 * Pure planner for Update Tracking: parsed corrections and the live order in, the corrections to
 * send (Walmart's PARTIAL_UPDATE of the shipping call) out. No n8n context, no HTTP.
 *
 * A correction names a shipped package of a line (by its current tracking number, or the line's
 * only package) and what should change; everything not given stays as Walmart has it. A package
 * that already looks as asked is reported and not sent, so a re-run sends nothing.
 */
import { CARRIERS, METHOD_CODES, OTHER_CARRIER } from '../../descriptions/carriers';
import type { WalmartOrder } from '../../helpers/interfaces';
import { describeQuantities, lineLedger } from '../../helpers/ledger';
import { InputError, isPlainObject, parseLineNumber, show } from '../../helpers/parse';
import type { ShippedPackage, TrackingInput } from '../../helpers/tracking';
import {
	carrierLabel,
	isoSeconds,
	parseCarrier,
	parseMethodCode,
	parseTrackingNumber,
	parseTrackingUrl,
	sameCarrier,
	sellerOrderIdFor,
	shippedPackages,
} from '../../helpers/tracking';
import type { LineOutcome } from '../../helpers/writeRunner';
import type { CarrierName, ShipLineRequest } from '../../transport/api';

/** The node-level value of a dropdown that leaves the field as Walmart has it. */
export const KEEP = 'keep';

export interface RequestedCorrection {
	lineNumber: string;
	/** The tracking number the package has now; absent when the line has one package. */
	currentTrackingNumber?: string;
	carrierName?: CarrierName;
	methodCode?: string;
	trackingNumber?: string;
	trackingURL?: string;
}

/** The node-level fields, which every correction takes unless it says otherwise. */
export interface CorrectionDefaults {
	carrier: unknown;
	otherCarrier: unknown;
	methodCode: unknown;
	trackingURL: unknown;
}

export interface CorrectionInput {
	corrections: RequestedCorrection[];
	sellerOrderId?: string;
}

export interface CorrectionPlan {
	toSend: ShipLineRequest[];
	planned: LineOutcome[];
	skipped: LineOutcome[];
}

const JSON_FIELDS = [
	'lineNumber',
	'currentTrackingNumber',
	'trackingNumber',
	'carrier',
	'otherCarrier',
	'methodCode',
	'trackingURL',
];

const present = (value: unknown) =>
	value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

function nodeCarrier(defaults: CorrectionDefaults): CarrierName | undefined {
	if (!present(defaults.carrier) || defaults.carrier === KEEP) return undefined;
	const fields = {
		carrier: '"Carrier"',
		otherCarrier: '"Other Carrier Name"',
		howToOther: 'choose "Other Carrier (Enter Its Name)" and enter its name',
	};
	if (defaults.carrier !== OTHER_CARRIER) {
		return parseCarrier(defaults.carrier, undefined, fields, CARRIERS);
	}
	if (!present(defaults.otherCarrier)) {
		throw new InputError(
			'"Other Carrier Name" is empty',
			'Enter the carrier’s name, or choose one of Walmart’s carriers in Carrier.',
		);
	}
	return parseCarrier(undefined, defaults.otherCarrier, fields, CARRIERS);
}

/**
 * The corrections, from the form (line, current and new tracking number) or from JSON (objects
 * that may also carry their own carrier, method and URL). The node's Carrier, Method Code and
 * Tracking URL apply to every correction that does not set its own.
 */
export function parseRequestedCorrections(
	entries: unknown[],
	fromJson: boolean,
	defaults: CorrectionDefaults,
): RequestedCorrection[] {
	if (entries.length === 0) {
		throw new InputError(
			'No corrections were given',
			'Add at least one line with the tracking number it has now and what should change.',
		);
	}
	const seen = new Set<string>();
	return entries.map((entry, position) => {
		if (!isPlainObject(entry)) {
			throw new InputError(
				`Correction ${position + 1} is ${show(entry)}, not an object`,
				'Give each correction as {"lineNumber": "1", "currentTrackingNumber": "…", "trackingNumber": "…"}.',
			);
		}
		if (fromJson) {
			const unknown = Object.keys(entry).find((key) => !JSON_FIELDS.includes(key));
			if (unknown !== undefined) {
				throw new InputError(
					`Correction ${position + 1} has the field "${unknown}", which Update Tracking does not read`,
					`Use only ${JSON_FIELDS.join(', ')}; a misspelt field would otherwise be replaced by the node’s own value.`,
				);
			}
		}
		const lineNumber = parseLineNumber(
			entry.lineNumber,
			`Correction ${position + 1}: the line number`,
		);
		const where = `Line ${lineNumber}`;
		const currentTrackingNumber = present(entry.currentTrackingNumber)
			? parseTrackingNumber(entry.currentTrackingNumber, `${where} current tracking number`)
			: undefined;
		const ownCarrier = present(entry.carrier) || present(entry.otherCarrier);
		const carrierName = ownCarrier
			? parseCarrier(
					entry.carrier,
					entry.otherCarrier,
					{
						carrier: `${where} carrier`,
						otherCarrier: `${where} otherCarrier`,
						howToOther: 'give the carrier’s name as "otherCarrier"',
					},
					CARRIERS,
				)
			: nodeCarrier(defaults);
		const rawMethod = present(entry.methodCode) ? entry.methodCode : defaults.methodCode;
		const methodCode =
			present(rawMethod) && rawMethod !== KEEP
				? parseMethodCode(
						rawMethod,
						present(entry.methodCode) ? `${where} method code` : '"Method Code"',
						METHOD_CODES,
					)
				: undefined;
		const trackingNumber = present(entry.trackingNumber)
			? parseTrackingNumber(entry.trackingNumber, `${where} new tracking number`)
			: undefined;
		const trackingURL = present(entry.trackingURL)
			? parseTrackingUrl(entry.trackingURL, `${where} tracking URL`)
			: parseTrackingUrl(defaults.trackingURL, '"Tracking URL"');
		if (!carrierName && !methodCode && !trackingNumber && !trackingURL) {
			throw new InputError(
				`${where} has nothing to correct`,
				'Set a new carrier, method code, tracking number or tracking URL; what is not set stays as Walmart has it.',
			);
		}
		const key = `${lineNumber}|${currentTrackingNumber ?? ''}`;
		if (seen.has(key)) {
			throw new InputError(
				currentTrackingNumber
					? `Line ${lineNumber} is listed twice with current tracking number ${currentTrackingNumber}`
					: `Line ${lineNumber} is listed twice without a current tracking number`,
				'Correct each package once; name packages by their current tracking number.',
			);
		}
		seen.add(key);
		return {
			lineNumber,
			...(currentTrackingNumber ? { currentTrackingNumber } : {}),
			...(carrierName ? { carrierName } : {}),
			...(methodCode ? { methodCode } : {}),
			...(trackingNumber ? { trackingNumber } : {}),
			...(trackingURL ? { trackingURL } : {}),
		};
	});
}

function merged(pack: ShippedPackage, wanted: RequestedCorrection): TrackingInput {
	return {
		carrierName: wanted.carrierName ?? pack.carrierName,
		methodCode: wanted.methodCode ?? pack.methodCode,
		trackingNumber: wanted.trackingNumber ?? pack.trackingNumber,
		trackingURL: wanted.trackingURL ?? pack.trackingURL,
	};
}

/** Whether a package on the line already has this tracking, field by field. */
export function hasTracking(pack: ShippedPackage, tracking: TrackingInput): boolean {
	return (
		pack.trackingNumber === tracking.trackingNumber &&
		sameCarrier(pack.carrierName, tracking.carrierName) &&
		pack.methodCode === tracking.methodCode &&
		(pack.trackingURL ?? '') === (tracking.trackingURL ?? '')
	);
}

function outcomeOf(
	lineNumber: string,
	pack: ShippedPackage,
	tracking: TrackingInput,
	outcome: 'planned' | 'skipped',
	message?: string,
): LineOutcome {
	return {
		lineNumber,
		outcome,
		quantity: outcome === 'planned' ? pack.quantity : 0,
		previousTrackingNumber: pack.trackingNumber,
		trackingNumber: tracking.trackingNumber,
		carrier: carrierLabel(tracking.carrierName),
		methodCode: tracking.methodCode,
		...(tracking.trackingURL ? { trackingURL: tracking.trackingURL } : {}),
		...(pack.shipDateTime !== undefined ? { shipDateTime: isoSeconds(pack.shipDateTime) } : {}),
		...(message ? { message } : {}),
	};
}

function refuse(message: string, fix: string): never {
	throw new InputError(`${message}. Nothing was updated.`, fix);
}

export function planCorrections(order: WalmartOrder, input: CorrectionInput): CorrectionPlan {
	const purchaseOrderId = order.purchaseOrderId;
	if (order.shipNode?.type === 'WFSFulfilled') {
		throw new InputError(
			`Purchase order ${purchaseOrderId} is fulfilled by Walmart (WFS) and its tracking cannot be updated here`,
			'Walmart ships WFS orders and keeps their tracking itself.',
		);
	}
	const lines = new Map(order.orderLines.orderLine.map((line) => [String(line.lineNumber), line]));
	const plan: CorrectionPlan = { toSend: [], planned: [], skipped: [] };
	const byLine = new Map<string, ShipLineRequest>();
	const targeted = new Set<ShippedPackage>();
	for (const wanted of input.corrections) {
		const lineNumber = wanted.lineNumber;
		const line = lines.get(lineNumber);
		if (!line) {
			refuse(
				`Line ${lineNumber} does not exist on purchase order ${purchaseOrderId}`,
				`Its lines are ${order.orderLines.orderLine.map((entry) => entry.lineNumber).join(', ')}.`,
			);
		}
		const packages = shippedPackages(line);
		const shipped = packages.filter((pack) => pack.status === 'Shipped');
		const numbers = shipped.map((pack) => pack.trackingNumber).join(', ');
		if (shipped.length === 0) {
			const statuses = describeQuantities(lineLedger(line).quantities);
			refuse(
				packages.length > 0
					? `Line ${lineNumber} is delivered (${statuses}); Walmart corrects the tracking of shipped packages only`
					: `Line ${lineNumber} is not shipped (${statuses}); only shipped lines have tracking to correct`,
				packages.length > 0
					? 'Leave delivered lines out.'
					: 'Ship it with Ship Lines, or leave it out.',
			);
		}
		let target: ShippedPackage | undefined;
		if (wanted.currentTrackingNumber !== undefined) {
			target = shipped.find((pack) => pack.trackingNumber === wanted.currentTrackingNumber);
			if (!target) {
				const done = shipped.find(
					(pack) =>
						pack.trackingNumber === wanted.trackingNumber &&
						hasTracking(pack, merged(pack, wanted)),
				);
				if (done) {
					plan.skipped.push(
						outcomeOf(
							lineNumber,
							{ ...done, trackingNumber: wanted.currentTrackingNumber },
							merged(done, wanted),
							'skipped',
							`Line ${lineNumber}: tracking number ${wanted.currentTrackingNumber} is already corrected to ${done.trackingNumber}; not sent again`,
						),
					);
					continue;
				}
				refuse(
					`Line ${lineNumber} has no shipped package with tracking number ${wanted.currentTrackingNumber}`,
					`Its shipped packages have the tracking numbers ${numbers}.`,
				);
			}
		} else if (shipped.length === 1) {
			target = shipped[0];
		} else {
			target = shipped.find((pack) => pack.trackingNumber === wanted.trackingNumber);
			if (!target) {
				refuse(
					`Line ${lineNumber} has ${shipped.length} shipped packages (${numbers})`,
					'Name the one to correct in its current tracking number.',
				);
			}
		}
		const tracking = merged(target, wanted);
		if ('otherCarrier' in tracking.carrierName && !tracking.trackingURL) {
			refuse(
				`Line ${lineNumber}: the carrier "${tracking.carrierName.otherCarrier}" is not one of Walmart’s, so a tracking URL is required`,
				'Enter the tracking URL, or choose one of Walmart’s carriers.',
			);
		}
		if (hasTracking(target, tracking)) {
			plan.skipped.push(
				outcomeOf(
					lineNumber,
					target,
					tracking,
					'skipped',
					`Line ${lineNumber}: package ${target.trackingNumber} already has this carrier, method code, tracking number and URL; not sent again`,
				),
			);
			continue;
		}
		const clash = packages.find(
			(pack) => pack !== target && pack.trackingNumber === tracking.trackingNumber,
		);
		if (clash) {
			refuse(
				`Line ${lineNumber} already has another package with tracking number ${tracking.trackingNumber}`,
				'Each package of a line needs its own tracking number; check the new tracking number.',
			);
		}
		if (targeted.has(target)) {
			refuse(
				`Line ${lineNumber}: two corrections name the package ${target.trackingNumber}`,
				'Correct each package once.',
			);
		}
		targeted.add(target);
		let request = byLine.get(lineNumber);
		if (!request) {
			request = {
				lineNumber,
				sellerOrderId: sellerOrderIdFor(order, line, input.sellerOrderId),
				packages: [],
			};
			byLine.set(lineNumber, request);
			plan.toSend.push(request);
		}
		request.packages.push({
			quantity: target.quantity,
			unitOfMeasurement: target.unitOfMeasurement === 'EA' ? 'EA' : 'EACH',
			// Walmart keeps the first ship date; the correction must still carry one.
			shipDateTime: target.shipDateTime ?? line.statusDate,
			carrierName: tracking.carrierName,
			methodCode: tracking.methodCode,
			trackingNumber: tracking.trackingNumber,
			...(tracking.trackingURL ? { trackingURL: tracking.trackingURL } : {}),
			currentTrackingNumber: target.trackingNumber,
		});
		plan.planned.push(outcomeOf(lineNumber, target, tracking, 'planned'));
	}
	return plan;
}

/** Whether the order now shows the corrected tracking on the line. */
export function isCorrected(order: WalmartOrder, outcome: LineOutcome): boolean {
	const line = order.orderLines.orderLine.find(
		(candidate) => String(candidate.lineNumber) === outcome.lineNumber,
	);
	if (!line || !outcome.trackingNumber) return false;
	return shippedPackages(line).some(
		(pack) =>
			pack.trackingNumber === outcome.trackingNumber &&
			carrierLabel(pack.carrierName) === outcome.carrier &&
			pack.methodCode === outcome.methodCode &&
			(pack.trackingURL ?? '') === (outcome.trackingURL ?? ''),
	);
}
