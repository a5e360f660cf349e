import type { Locale } from '../../../lib/messages.ts';
import type { DistributionMode, DocumentDeviceType, PaymentMethod } from './types.ts';

/**
 * The words of the distribution documents (sale receipt, loan agreement, donation certificate, handover
 * attestation, subsidy statement, sign-off sheet). French is the source; the English table must have exactly
 * the same keys, which the compiler checks. Most are read by the households themselves: short sentences,
 * « vous ».
 */
const fr = {
  'common.none': '—',
  'common.number': 'N° {number}',
  'common.issued_on': 'Établi le {date}',
  'common.programme': 'Programme : {programme}',
  'common.siret': 'SIRET {siret}',
  'common.rna': 'RNA {rna}',
  'common.footer': '{title} n° {number} — {issuer}',
  'common.name': 'Nom',
  'common.town': 'Commune',
  'common.signature': 'Signature :',
  'common.signature_name': 'Nom et qualité du signataire :',
  'common.place_and_date': 'Fait à ____________________, le ____________________',

  'device.heading': 'L’appareil',
  'device.type': 'Type',
  'device.brand_model': 'Marque et modèle',
  'device.serial': 'N° de série',
  'device.asset_tag': 'N° d’inventaire',

  'type.laptop': 'Ordinateur portable',
  'type.desktop': 'Ordinateur fixe',
  'type.monitor': 'Écran',
  'type.tablet': 'Tablette',
  'type.smartphone': 'Smartphone',
  'type.printer': 'Imprimante',
  'type.other': 'Autre appareil',

  'method.cash': 'en espèces',
  'method.cheque': 'par chèque',
  'method.card': 'par carte bancaire',
  'method.transfer': 'par virement',

  'mode.sale': 'vente solidaire',
  'mode.loan': 'prêt',
  'mode.donation': 'don',

  'receipt.title': 'Reçu de vente solidaire',
  'receipt.seller': 'Le vendeur',
  'receipt.buyer': 'L’acheteur',
  'receipt.intro':
    '{issuer} vous a vendu l’appareil ci-dessous le {date}, dans le cadre du programme « {programme} ».',
  'receipt.split_heading': 'Le prix et qui le paie',
  'receipt.col_what': 'Détail',
  'receipt.col_amount': 'Montant',
  'receipt.price': 'Prix de l’appareil',
  'receipt.subsidy': 'Pris en charge par {funder}',
  'receipt.contribution': 'Reste à la charge du foyer',
  'receipt.payment_heading': 'Votre paiement',
  'receipt.paid': 'Vous avez payé {amount} {method}, le {date}.',
  'receipt.paid_matches': 'Ce montant correspond à la somme restant à votre charge.',
  'receipt.paid_different':
    'Attention : le montant payé ({paid}) est différent de la somme restant à votre charge ({expected}).',
  'receipt.paid_note': 'Motif : {note}',
  'receipt.not_paid': 'Aucun paiement n’a été enregistré pour cet appareil.',
  'receipt.refurbished':
    'Appareil reconditionné, données effacées (certificat d’effacement disponible auprès du reconditionneur).',

  'loan.title': 'Convention de prêt d’ordinateur',
  'loan.lender': 'Le prêteur',
  'loan.borrower': 'L’emprunteur',
  'loan.intro':
    '{issuer} vous prête l’appareil ci-dessous dans le cadre du programme « {programme} ». L’appareil reste la propriété de {issuer}.',
  'loan.duration_heading': 'Durée du prêt',
  'loan.duration': 'Du {from} au {to}, soit {months} mois.',
  'loan.duration_one': 'Du {from} au {to}, soit {months} mois.',
  'loan.due': 'Date de retour prévue : {date}.',
  'loan.renewable': 'Le prêt peut être renouvelé : demandez-le à {issuer} avant la date de retour.',
  'loan.not_renewable': 'Le prêt ne peut pas être renouvelé.',
  'loan.renewable_capped':
    'Le prêt peut être renouvelé {count} fois au plus : demandez-le à {issuer} avant la date de retour.',
  'loan.report_link':
    'Pour signaler un problème, sans compte : scannez ce code ou ouvrez cette adresse (elle est personnelle, ne la partagez pas).',
  'loan.maintenance_heading': 'Entretien et réparations',
  'loan.maintenance_included':
    'L’entretien est compris : {issuer} répare l’appareil, ou le remplace s’il ne peut pas être réparé, sans frais pour vous.',
  'loan.maintenance_report':
    'Si l’appareil ne fonctionne pas bien, prévenez {issuer}. Ne le faites pas réparer ailleurs.',
  'loan.return_heading': 'Rendre l’appareil',
  'loan.return_end':
    'Vous rendez l’appareil et son chargeur à {issuer} à la fin du prêt, ou plus tôt si {issuer} vous le demande.',
  'loan.return_wear': 'L’usure normale ne vous est pas facturée.',
  'loan.return_loss':
    'En cas de perte ou de vol, prévenez {issuer} tout de suite. En cas de vol, déclarez-le aussi à la police ou à la gendarmerie.',
  'loan.commitments_heading': 'Vos engagements',
  'loan.commitment_personal':
    'l’appareil est pour vous et votre foyer : vous ne le prêtez pas à d’autres personnes ;',
  'loan.commitment_no_sale': 'vous ne le vendez pas et vous ne le donnez pas ;',
  'loan.commitment_care': 'vous en prenez soin.',
  'loan.data_heading': 'Vos données sur l’appareil',
  'loan.data':
    'Les fichiers et les comptes que vous mettez sur l’appareil sont à vous. Pensez à les copier avant de le rendre : quand vous le rendez, tout est effacé.',

  'donation.title': 'Attestation de don',
  'donation.donor': 'Le donateur',
  'donation.recipient': 'Le bénéficiaire',
  'donation.intro':
    '{issuer} donne gratuitement l’appareil ci-dessous à {recipient}, dans le cadre du programme « {programme} ».',
  'donation.ownership':
    'À partir du {date}, date de la remise, {recipient} en est propriétaire. Aucune somme n’est demandée.',
  'donation.date': 'Date de la remise : {date}',
  'donation.refurbished':
    'Appareil reconditionné, données effacées (certificat d’effacement disponible auprès du reconditionneur).',

  'handover.title': 'Attestation de remise',
  'handover.organisation': 'L’organisation',
  'handover.recipient': 'Le bénéficiaire',
  'handover.intro':
    '{issuer} atteste avoir remis l’appareil ci-dessous à {recipient} le {date}, dans le cadre du programme « {programme} ».',
  'handover.mode': 'Mode de remise : {mode}.',
  'handover.signed_on_paper':
    'Document signé sur papier par le bénéficiaire lors de la remise : l’original est conservé par {issuer}.',

  'statement.title': 'État des aides',
  'statement.funder': 'Financeur',
  'statement.issuer': 'Organisation',
  'statement.period': 'Période',
  'statement.period_value': 'du {from} au {to}',
  'statement.intro':
    'Appareils remis dans le cadre du programme « {programme} » pour lesquels {funder} a pris en charge une partie du prix.',
  'statement.col_index': 'N°',
  'statement.col_date': 'Date de remise',
  'statement.col_asset_tag': 'N° d’inventaire',
  'statement.col_type': 'Type d’appareil',
  'statement.col_amount': 'Aide',
  'statement.count': 'Nombre d’appareils',
  'statement.total': 'Total des aides',
  'statement.count_value': '{count} appareils',
  'statement.count_value_one': '{count} appareil',
  'statement.empty': 'Aucun appareil remis avec cette aide sur la période.',
  'statement.invoice': 'À joindre à la facture de {issuer}.',
  'statement.invoice_siret': 'À joindre à la facture de {issuer} (SIRET {siret}).',
  'statement.privacy': 'Aucune donnée personnelle : les bénéficiaires ne sont pas nommés.',

  'signoff.title': 'Feuille d’émargement',
  'signoff.programme': 'Programme',
  'signoff.date': 'Date',
  'signoff.place': 'Lieu',
  'signoff.mode': 'Mode de remise',
  'signoff.count': 'Nombre de remises',
  'signoff.blank': '______________________________',
  'signoff.intro': 'Chaque bénéficiaire signe sur sa ligne quand il reçoit son appareil.',
  'signoff.col_index': 'N°',
  'signoff.col_name': 'Bénéficiaire',
  'signoff.col_device': 'Appareil',
  'signoff.col_amount': 'À payer',
  'signoff.col_signature': 'Signature',
  'signoff.empty': 'Aucune remise prévue.',
  'signoff.handed_by': 'Remis par : ______________________________',
  'signoff.handed_by_hint': 'Nom et qualité',
  'signoff.signature': 'Signature :',
  'signoff.footer': '{title} du {date} — {issuer}',
} as const;

export type DistributionTextKey = keyof typeof fr;

const en: Record<DistributionTextKey, string> = {
  'common.none': '—',
  'common.number': 'No. {number}',
  'common.issued_on': 'Issued on {date}',
  'common.programme': 'Programme: {programme}',
  'common.siret': 'SIRET {siret}',
  'common.rna': 'RNA {rna}',
  'common.footer': '{title} no. {number} — {issuer}',
  'common.name': 'Name',
  'common.town': 'Town',
  'common.signature': 'Signature:',
  'common.signature_name': 'Name and position of the signatory:',
  'common.place_and_date': 'Signed at ____________________, on ____________________',

  'device.heading': 'The device',
  'device.type': 'Type',
  'device.brand_model': 'Make and model',
  'device.serial': 'Serial number',
  'device.asset_tag': 'Asset tag',

  'type.laptop': 'Laptop',
  'type.desktop': 'Desktop computer',
  'type.monitor': 'Monitor',
  'type.tablet': 'Tablet',
  'type.smartphone': 'Smartphone',
  'type.printer': 'Printer',
  'type.other': 'Other device',

  'method.cash': 'in cash',
  'method.cheque': 'by cheque',
  'method.card': 'by card',
  'method.transfer': 'by bank transfer',

  'mode.sale': 'solidarity sale',
  'mode.loan': 'loan',
  'mode.donation': 'donation',

  'receipt.title': 'Solidarity sale receipt',
  'receipt.seller': 'The seller',
  'receipt.buyer': 'The buyer',
  'receipt.intro': '{issuer} sold you the device below on {date}, under the programme “{programme}”.',
  'receipt.split_heading': 'The price and who pays it',
  'receipt.col_what': 'Item',
  'receipt.col_amount': 'Amount',
  'receipt.price': 'Price of the device',
  'receipt.subsidy': 'Paid by {funder}',
  'receipt.contribution': 'Left for the household to pay',
  'receipt.payment_heading': 'Your payment',
  'receipt.paid': 'You paid {amount} {method} on {date}.',
  'receipt.paid_matches': 'This is the amount left for you to pay.',
  'receipt.paid_different':
    'Please note: the amount paid ({paid}) is different from the amount left for you to pay ({expected}).',
  'receipt.paid_note': 'Reason: {note}',
  'receipt.not_paid': 'No payment has been recorded for this device.',
  'receipt.refurbished':
    'Refurbished device, data erased (an erasure certificate is available from the refurbisher).',

  'loan.title': 'Computer loan agreement',
  'loan.lender': 'The lender',
  'loan.borrower': 'The borrower',
  'loan.intro':
    '{issuer} lends you the device below under the programme “{programme}”. The device remains the property of {issuer}.',
  'loan.duration_heading': 'Length of the loan',
  'loan.duration': 'From {from} to {to}: {months} months.',
  'loan.duration_one': 'From {from} to {to}: {months} month.',
  'loan.due': 'Return date: {date}.',
  'loan.renewable': 'The loan can be renewed: ask {issuer} before the return date.',
  'loan.not_renewable': 'The loan cannot be renewed.',
  'loan.renewable_capped':
    'The loan can be renewed ({count} renewals at most): ask {issuer} before the return date.',
  'loan.report_link':
    'To report a problem, without an account: scan this code or open this address (it is yours, do not share it).',
  'loan.maintenance_heading': 'Maintenance and repairs',
  'loan.maintenance_included':
    'Maintenance is included: {issuer} repairs the device, or replaces it if it cannot be repaired, at no cost to you.',
  'loan.maintenance_report':
    'If the device does not work properly, tell {issuer}. Do not have it repaired elsewhere.',
  'loan.return_heading': 'Returning the device',
  'loan.return_end':
    'You return the device and its charger to {issuer} at the end of the loan, or earlier if {issuer} asks you to.',
  'loan.return_wear': 'Normal wear and tear is not charged to you.',
  'loan.return_loss':
    'If the device is lost or stolen, tell {issuer} at once. If it is stolen, also report it to the police.',
  'loan.commitments_heading': 'Your commitments',
  'loan.commitment_personal': 'the device is for you and your household: you do not lend it to other people;',
  'loan.commitment_no_sale': 'you do not sell it or give it away;',
  'loan.commitment_care': 'you take care of it.',
  'loan.data_heading': 'Your data on the device',
  'loan.data':
    'The files and accounts you put on the device are yours. Remember to copy them before you return it: when you return it, everything is erased.',

  'donation.title': 'Donation certificate',
  'donation.donor': 'The donor',
  'donation.recipient': 'The recipient',
  'donation.intro':
    '{issuer} gives the device below free of charge to {recipient}, under the programme “{programme}”.',
  'donation.ownership': 'From {date}, the day it is handed over, {recipient} owns it. Nothing is to be paid.',
  'donation.date': 'Handed over on: {date}',
  'donation.refurbished':
    'Refurbished device, data erased (an erasure certificate is available from the refurbisher).',

  'handover.title': 'Handover certificate',
  'handover.organisation': 'The organisation',
  'handover.recipient': 'The recipient',
  'handover.intro':
    '{issuer} certifies that it handed the device below to {recipient} on {date}, under the programme “{programme}”.',
  'handover.mode': 'Handed over as: {mode}.',
  'handover.signed_on_paper':
    'Document signed on paper by the recipient at the handover: {issuer} keeps the original.',

  'statement.title': 'Subsidy statement',
  'statement.funder': 'Funder',
  'statement.issuer': 'Organisation',
  'statement.period': 'Period',
  'statement.period_value': 'from {from} to {to}',
  'statement.intro':
    'Devices handed over under the programme “{programme}” for which {funder} paid part of the price.',
  'statement.col_index': 'No.',
  'statement.col_date': 'Handed over on',
  'statement.col_asset_tag': 'Asset tag',
  'statement.col_type': 'Device type',
  'statement.col_amount': 'Subsidy',
  'statement.count': 'Number of devices',
  'statement.total': 'Total subsidies',
  'statement.count_value': '{count} devices',
  'statement.count_value_one': '{count} device',
  'statement.empty': 'No device was handed over with this subsidy in the period.',
  'statement.invoice': 'To be attached to the invoice from {issuer}.',
  'statement.invoice_siret': 'To be attached to the invoice from {issuer} (SIRET {siret}).',
  'statement.privacy': 'No personal data: the recipients are not named.',

  'signoff.title': 'Sign-off sheet',
  'signoff.programme': 'Programme',
  'signoff.date': 'Date',
  'signoff.place': 'Place',
  'signoff.mode': 'Handed over as',
  'signoff.count': 'Number of handovers',
  'signoff.blank': '______________________________',
  'signoff.intro': 'Each recipient signs on their line when they receive their device.',
  'signoff.col_index': 'No.',
  'signoff.col_name': 'Recipient',
  'signoff.col_device': 'Device',
  'signoff.col_amount': 'To pay',
  'signoff.col_signature': 'Signature',
  'signoff.empty': 'No handover planned.',
  'signoff.handed_by': 'Handed over by: ______________________________',
  'signoff.handed_by_hint': 'Name and position',
  'signoff.signature': 'Signature:',
  'signoff.footer': '{title} of {date} — {issuer}',
};

export const DISTRIBUTION_DOCUMENT_TEXTS: Record<Locale, Record<DistributionTextKey, string>> = { fr, en };

/** A document text in the locale, with `{name}` placeholders filled. */
export function t(
  locale: Locale,
  key: DistributionTextKey,
  params: Record<string, string | number> = {},
): string {
  return DISTRIBUTION_DOCUMENT_TEXTS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** "Ordinateur portable" for laptop. */
export const deviceTypeLabel = (locale: Locale, type: DocumentDeviceType): string =>
  t(locale, `type.${type}`);

/** "par chèque" for cheque. */
export const paymentMethodLabel = (locale: Locale, method: PaymentMethod): string =>
  t(locale, `method.${method}`);

/** "vente solidaire" for sale. */
export const modeLabel = (locale: Locale, mode: DistributionMode): string => t(locale, `mode.${mode}`);
