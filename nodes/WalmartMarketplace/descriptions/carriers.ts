import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Walmart's carriers for `trackingInfo.carrierName.carrier`, spelled exactly as Walmart accepts them
 * (the spelling is the value; Walmart refuses any other). A carrier not listed is sent as
 * `otherCarrier`, with a tracking URL.
 */
export const CARRIERS = [
	'UPS',
	'USPS',
	'FedEx',
	'Airborne',
	'OnTrac',
	'DHL Ecommerce - US',
	'DHL',
	'LS',
	'UDS',
	'UPSMI',
	'FDX',
	'PILOT',
	'ESTES',
	'SAIA',
	'FDS Express',
	'Seko Worldwide',
	'HIT Delivery',
	'FEDEXSP',
	'RL Carriers',
	'Metropolitan Warehouse & Delivery',
	'China Post',
	'YunExpress',
	'Yellow Freight Sys',
	'AIT Worldwide Logistics',
	'Chukou1',
	'Sendle',
	'Landmark Global',
	'Sunyou',
	'Yanwen',
	'4PX',
	'GLS',
	'OSM Worldwide',
	'FIRST MILE',
	'AM Trucking',
	'CEVA',
	'India Post',
	'SF Express',
	'CNE',
	'TForce Freight',
	'AxleHire',
	'LSO',
	'Royal Mail',
	'ABF Freight System',
	'WanB',
	'Roadrunner Freight',
	'Meyer Distribution',
	'AAA Cooper',
	'Canada Post',
	'Southeastern Freight Lines',
	'Japan Post',
	'Correos de Mexico',
	'XPO Logistics',
	'JD Logistics',
	'YDH',
	'JCEX',
	'Flyt',
	'Deutsche Post',
	'Better Trucks',
	'Asendia',
	'SFC',
	'UBI',
	'ePost Global',
	'YF Logistics',
	'RXO',
	'Estes Express',
	'Shypmax',
	'WIN.IT America',
	'PITT OHIO',
	'PostNord Sweden',
	'Equick',
	'Whistl',
	'Tusou',
	'Shiprocket',
	'DTDC',
	'PTS',
] as const;

export type Carrier = (typeof CARRIERS)[number];

/** The Carrier dropdown's value for a carrier Walmart does not list, named in its own field. */
export const OTHER_CARRIER = 'otherCarrier';

// Walmart's spec spells these four as codes; the dropdown shows what they stand for.
const LONG_NAMES: Partial<Record<Carrier, string>> = {
	LS: 'LS (LaserShip)',
	UDS: 'UDS (United Delivery Service)',
	UPSMI: 'UPSMI (UPS Mail Innovations)',
	FEDEXSP: 'FEDEXSP (FedEx SmartPost)',
};

/** Walmart's carriers A to Z, then the way out for any other carrier. */
export const CARRIER_OPTIONS: INodePropertyOptions[] = [
	...[...CARRIERS]
		.sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
		.map((carrier) => ({ name: LONG_NAMES[carrier] ?? carrier, value: carrier })),
	{
		name: 'Other Carrier (Enter Its Name)',
		value: OTHER_CARRIER,
		description: 'A carrier Walmart does not list: enter its name and a tracking URL below',
	},
];

/** Walmart's ship method codes, case-sensitive. */
export const METHOD_CODES = [
	'Standard',
	'Express',
	'OneDay',
	'Freight',
	'WhiteGlove',
	'Value',
] as const;

export type MethodCode = (typeof METHOD_CODES)[number];

export const METHOD_CODE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Express', value: 'Express' },
	{ name: 'Freight', value: 'Freight' },
	{ name: 'One Day', value: 'OneDay' },
	{ name: 'Standard', value: 'Standard' },
	{ name: 'Value', value: 'Value' },
	{ name: 'White Glove', value: 'WhiteGlove' },
];
