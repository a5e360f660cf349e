import { describe, expect, it } from 'vitest';
import {
  auditActionLabel,
  choiceLabel,
  consentCoverLabel,
  exitReasonLabel,
  PROGRAMME_DOCUMENT_TEXTS,
  referralStatusLabel,
  t,
  timelineKindLabel,
} from './texts.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Hand-written: the codes the service hands over (docs/api.md), each of which must be put into words.
const STATUSES = ['eligible', 'ineligible', 'in_training', 'trained', 'equipped', 'followed_up', 'exited'];
const KINDS = [
  'created',
  'updated',
  'consent_given',
  'consent_withdrawn',
  'referred',
  're_evaluated',
  'status_changed',
  'priority_changed',
  'merged',
  'exported',
];
const COVERS = ['referral', 'follow_up', 'partners'];
const EXIT_REASONS = [
  'completed',
  'withdrew',
  'unreachable',
  'moved_away',
  'equipped_elsewhere',
  'not_eligible',
  'duplicate',
  'other',
];
const ACTIONS = [
  'beneficiary.read',
  'beneficiary.export',
  'beneficiary.create',
  'beneficiary.update',
  'referral.create',
  'referral.update',
  'referral.evaluate',
  'referral.status',
  'beneficiary.merge',
  'beneficiary.merged_into',
  'consent.create',
  'consent.withdraw',
];
const CHOICES = {
  kind: ['person', 'association'],
  household: ['single', 'single_parent', 'couple', 'couple_with_children', 'other'],
  income: ['rsa', 'aah', 'aspa', 'minimum_income_other', 'low_income', 'scholarship', 'none'],
  employment: ['employed', 'job_seeker', 'student', 'retired', 'inactive', 'other'],
  target: ['pupil', 'job_seeker', 'senior', 'household', 'association'],
  device: ['laptop', 'desktop', 'tablet'],
} as const;

describe('programme document texts', () => {
  it('have the same keys and placeholders in French and English, none empty', () => {
    const { fr, en } = PROGRAMME_DOCUMENT_TEXTS;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of Object.entries(fr)) {
      const english = en[key as keyof typeof en];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('word every status, event, consent scope, exit reason and known audit action in both languages', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const status of STATUSES) expect(referralStatusLabel(locale, status)).not.toBe(status);
      for (const kind of KINDS) expect(timelineKindLabel(locale, kind)).not.toBe(kind);
      for (const cover of COVERS) expect(consentCoverLabel(locale, cover)).not.toBe(cover);
      for (const reason of EXIT_REASONS) expect(exitReasonLabel(locale, reason)).not.toBe(reason);
      for (const action of ACTIONS) expect(auditActionLabel(locale, action)).not.toBe(action);
      for (const [field, values] of Object.entries(CHOICES)) {
        for (const value of values)
          expect(choiceLabel(locale, field as keyof typeof CHOICES, value)).not.toBe(value);
      }
    }
    expect(referralStatusLabel('fr', 'in_training')).toBe('En formation');
    expect(exitReasonLabel('en', 'unreachable')).toBe('Could not be reached');
    expect(choiceLabel('fr', 'household', 'single_parent')).toBe('Parent seul avec enfant(s)');
  });

  it('show an unknown code as it is', () => {
    expect(referralStatusLabel('fr', 'on_hold')).toBe('on_hold');
    expect(auditActionLabel('en', 'beneficiary.print')).toBe('beneficiary.print');
    expect(choiceLabel('fr', 'device', 'smartphone')).toBe('smartphone');
  });

  it('fill placeholders', () => {
    expect(t('fr', 'notice.duration_years', { months: 24, years: 2 })).toBe('24 mois (2 ans)');
    expect(
      t('en', 'timeline.transition', { what: 'Stage changed', from: 'Eligible', to: 'In training' }),
    ).toBe('Stage changed: Eligible → In training');
  });
});
