/**
 * Tracking as Walmart keeps it on order lines, and the strict reading of tracking input, shared by
 * the shipping planners. Pure: no n8n context, no HTTP. Walmart's carrier and method lists live
 * in descriptions/ and are handed in, so this stays free of option lists.
 */
import type { CarrierName } from '../transport/api';
import { toEpochMs } from './dates';
import type { WalmartOrder, WalmartOrderLine, WalmartTrackingInfo } from './interfaces';
import { InputError, parseChoice, show } from './parse';

/**
 * How far ahead of this machine's clock a ship date may be. Walmart refuses ship dates in the
 * future; 5 minutes absorbs the usual difference between an ERP's clock, n8n's and Walmart's.
 */
export const SHIP_DATE_SKEW_MS = 5 * 60 * 1000;

/** Walmart's limit on sellerOrderId. */
export const MAX_SELLER_ORDER_ID_LENGTH = 30;

/** A package as Walmart shows it on a line: one Shipped or Delivered entry with its tracking. */
export interface ShippedPackage {
	status: string;
	quantity: number;
	unitOfMeasurement: string;
	trackingNumber: string;
	carrierName: CarrierName;
	methodCode: string;
	trackingURL?: string;
	shipDateTime?: number;
}

/** What a new package or a correction says about tracking. */
export interface TrackingInput {
	carrierName: CarrierName;
	methodCode: string;
	trackingNumber: string;
	trackingURL?: string;
}

function carrierOf(info: WalmartTrackingInfo): CarrierName {
	const other = info.carrierName?.otherCarrier;
	if (typeof other === 'string' && other !== '') return { otherCarrier: other };
	return { carrier: String(info.carrierName?.carrier ?? '') };
}

/** Every Shipped or Delivered entry of the line that carries a tracking number. */
export function shippedPackages(line: WalmartOrderLine): ShippedPackage[] {
	const packages: ShippedPackage[] = [];
	for (const entry of line.orderLineStatuses?.orderLineStatus ?? []) {
		if (entry.status !== 'Shipped' && entry.status !== 'Delivered') continue;
		const info = entry.trackingInfo;
		if (!info?.trackingNumber) continue;
		const quantity = Number(entry.statusQuantity?.amount ?? 0);
		packages.push({
			status: entry.status,
			quantity: Number.isFinite(quantity) && quantity > 0 ? quantity : 0,
			unitOfMeasurement: String(entry.statusQuantity?.unitOfMeasurement ?? 'EACH'),
			trackingNumber: String(info.trackingNumber),
			carrierName: carrierOf(info),
			methodCode: String(info.methodCode ?? ''),
			trackingURL: info.trackingURL ? String(info.trackingURL) : undefined,
			shipDateTime: typeof info.shipDateTime === 'number' ? info.shipDateTime : undefined,
		});
	}
	return packages;
}

/** Units shipped (or delivered) under one tracking number of one line. */
export function unitsUnderTracking(line: WalmartOrderLine, trackingNumber: string): number {
	return shippedPackages(line)
		.filter((pack) => pack.trackingNumber === trackingNumber)
		.reduce((sum, pack) => sum + pack.quantity, 0);
}

/** `lineNumber|trackingNumber` → units, for read-back and excess checks. */
export function unitsByTracking(order: WalmartOrder): Map<string, number> {
	const units = new Map<string, number>();
	for (const line of order.orderLines.orderLine) {
		for (const pack of shippedPackages(line)) {
			const key = trackingKey(String(line.lineNumber), pack.trackingNumber);
			units.set(key, (units.get(key) ?? 0) + pack.quantity);
		}
	}
	return units;
}

export function trackingKey(lineNumber: string, trackingNumber: string): string {
	return `${lineNumber}|${trackingNumber}`;
}

/**
 * Walmart's intent-to-cancel flag: a text with no documented values. Anything but empty or
 * false means the customer asked to cancel the line.
 */
export function hasIntentToCancel(line: WalmartOrderLine): boolean {
	const flag = line.intentToCancel;
	if (flag === undefined || flag === null || flag === false) return false;
	if (typeof flag === 'string') {
		const text = flag.trim().toLowerCase();
		return text !== '' && text !== 'false';
	}
	return true;
}

export function carrierLabel(name: CarrierName): string {
	return 'carrier' in name ? name.carrier : `${name.otherCarrier} (other carrier)`;
}

export function sameCarrier(a: CarrierName, b: CarrierName): boolean {
	return carrierLabel(a) === carrierLabel(b);
}

/** The seller order ID each line is sent with: the one given, Walmart's own, or the PO. */
export function sellerOrderIdFor(
	order: WalmartOrder,
	line: WalmartOrderLine,
	given: string | undefined,
): string {
	return given ?? (line.sellerOrderId ? String(line.sellerOrderId) : order.purchaseOrderId);
}

export function isoSeconds(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DATE_FIX =
	'Use the date picker, a date and time such as 2026-11-01T09:30:00Z or 2026-11-01T09:30:00+02:00, epoch seconds or milliseconds, or leave it empty for now.';

/**
 * A ship date: empty is now; otherwise the strict date forms of the other date fields. Sent as
 * Walmart's schema types it (epoch milliseconds), cut to whole seconds. Refused when more than
 * SHIP_DATE_SKEW_MS ahead of `now`.
 */
export function parseShipDate(
	value: unknown,
	field: string,
	now: number,
	timeZone: string,
): number {
	let instant: number | undefined = now;
	if (!(value === undefined || value === null || value === '')) {
		try {
			instant = toEpochMs(value, timeZone);
		} catch {
			// Reported below, outside the catch, with the field's name.
			instant = undefined;
		}
	}
	if (instant === undefined || Number.isNaN(instant)) {
		throw new InputError(`${field} is not a date: ${show(value)}`, DATE_FIX);
	}
	const whole = Math.floor(instant / 1000) * 1000;
	if (whole > now + SHIP_DATE_SKEW_MS) {
		throw new InputError(
			`${field} ${isoSeconds(whole)} is in the future`,
			`Walmart refuses ship dates in the future. Enter when the package left (up to 5 minutes ahead of this machine’s clock is accepted, for clock differences), or leave it empty for now.`,
		);
	}
	return whole;
}

/** A required tracking number: text or digits, trimmed, not blank. */
export function parseTrackingNumber(value: unknown, field: string): string {
	const text =
		typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: undefined;
	if (text === undefined || text === '') {
		throw new InputError(
			`${field} is ${show(value)}, which is not a tracking number`,
			typeof value === 'number'
				? 'Pass the tracking number as text: long numbers lose digits in JavaScript.'
				: 'Enter the carrier’s tracking number as text, such as "1Z999AA10123456784".',
		);
	}
	return text;
}

/** An optional tracking URL: blank is none; otherwise an http or https address. */
export function parseTrackingUrl(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') {
		throw new InputError(`${field} is ${show(value)}, which is not a web address`, URL_FIX);
	}
	const text = value.trim();
	if (text === '') return undefined;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new InputError(`${field} is ${show(value)}, which is not a web address`, URL_FIX);
	}
	return text;
}

const URL_FIX = 'Enter the carrier’s tracking page, starting with https://.';

/**
 * A carrier: one of Walmart's, spelled exactly, or any other by name (which then needs a
 * tracking URL; the caller checks that once the URL is known).
 */
export function parseCarrier(
	carrier: unknown,
	otherCarrier: unknown,
	fields: { carrier: string; otherCarrier: string; howToOther: string },
	carriers: readonly string[],
): CarrierName {
	const other = typeof otherCarrier === 'string' ? otherCarrier.trim() : otherCarrier;
	const hasOther = !(other === undefined || other === null || other === '');
	const hasCarrier = !(carrier === undefined || carrier === null || carrier === '');
	if (hasOther && hasCarrier) {
		throw new InputError(
			`${fields.carrier} and ${fields.otherCarrier} are both set`,
			`Walmart takes one of them: a carrier from its list, or ${fields.howToOther}.`,
		);
	}
	if (hasOther) {
		if (typeof other !== 'string') {
			throw new InputError(
				`${fields.otherCarrier} is ${show(otherCarrier)}, which is not text`,
				'Enter the carrier’s name.',
			);
		}
		const listed = carriers.find((name) => name.toLowerCase() === other.toLowerCase());
		if (listed !== undefined) {
			throw new InputError(
				`${fields.otherCarrier} is ${show(otherCarrier)}, which is one of Walmart’s carriers`,
				`Choose "${listed}" as the carrier instead: Walmart tracks its listed carriers itself.`,
			);
		}
		return { otherCarrier: other };
	}
	if (!hasCarrier) {
		throw new InputError(
			`${fields.carrier} is empty`,
			`Choose one of Walmart’s carriers, or ${fields.howToOther}.`,
		);
	}
	const text = typeof carrier === 'string' ? carrier.trim() : undefined;
	const found = carriers.find((name) => name === text);
	if (found !== undefined) return { carrier: found };
	const squash = (name: string) => name.replace(/[\W_]/g, '').toLowerCase();
	const close =
		text === undefined ? undefined : carriers.find((name) => squash(name) === squash(text));
	throw new InputError(
		`${fields.carrier} is ${show(carrier)}, which is not one of Walmart’s carriers`,
		close !== undefined
			? `Walmart spells it exactly "${close}".`
			: `Use a carrier from Walmart’s list (${carriers.length} names, in the Carrier dropdown) spelled exactly, such as UPS, USPS or FedEx; for any other carrier, ${fields.howToOther}.`,
	);
}

export function parseMethodCode(
	value: unknown,
	field: string,
	methodCodes: readonly string[],
): string {
	return parseChoice(value, methodCodes, field);
}

/** An optional seller order ID: blank is none; at most 30 characters. */
export function parseSellerOrderId(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text =
		typeof value === 'number' && Number.isSafeInteger(value)
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: undefined;
	if (text === undefined) {
		throw new InputError(`${field} is ${show(value)}, which is not text`, 'Enter plain text.');
	}
	if (text === '') return undefined;
	if (text.length > MAX_SELLER_ORDER_ID_LENGTH) {
		throw new InputError(
			`${field} has ${text.length} characters`,
			`Walmart takes at most ${MAX_SELLER_ORDER_ID_LENGTH}.`,
		);
	}
	return text;
}
