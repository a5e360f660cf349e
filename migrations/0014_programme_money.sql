CREATE TABLE "budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"label" text NOT NULL,
	"basis" text DEFAULT 'entered' NOT NULL,
	"planned_cents" bigint NOT NULL,
	"committed_cents" bigint,
	"spent_cents" bigint,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funding_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"reference" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fundings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"funder_organisation_id" uuid,
	"funder_name" text,
	"requested_cents" bigint NOT NULL,
	"requested_on" date,
	"granted_cents" bigint,
	"granted_on" date,
	"refused_on" date,
	"agreement_reference" text,
	"agreement_starts_on" date,
	"agreement_ends_on" date,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"source" text NOT NULL,
	"registered_by_organisation_id" uuid,
	"registered_by_user_id" uuid,
	"kind" text DEFAULT 'person' NOT NULL,
	"target_group" text,
	"device_need" text NOT NULL,
	"reason" text,
	"town" text NOT NULL,
	"postcode" text,
	"first_name" text,
	"last_name" text,
	"association_name" text,
	"email" text,
	"phone" text,
	"consent_given_at" timestamp with time zone,
	"status" text DEFAULT 'registered' NOT NULL,
	"beneficiary_id" uuid,
	"referral_id" uuid,
	"converted_at" timestamp with time zone,
	"converted_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_settings" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"public_open" boolean DEFAULT false NOT NULL,
	"closes_on" date,
	"introduction" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cheque_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"sent_on" date NOT NULL,
	"reference" text,
	"reimbursed_on" date,
	"reimbursed_cents" integer,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_cheques" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid,
	"beneficiary_id" uuid,
	"issuer" text NOT NULL,
	"issuer_name" text,
	"number" text NOT NULL,
	"value_cents" integer NOT NULL,
	"received_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"batch_id" uuid,
	"rejected_reason" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insertion_clauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"buyer" text,
	"reference" text,
	"programme_id" uuid,
	"required_hours" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workforce_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"contract_type" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"weekly_minutes" integer NOT NULL,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workforce_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"minutes" integer NOT NULL,
	"clause_id" uuid,
	"note" text,
	"entered_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workforce_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_level" integer DEFAULT 3 NOT NULL,
	"step_minutes" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workforce_skill_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"skill_key" text NOT NULL,
	"level" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"assessed_by_user_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_funding_id_fundings_id_fk" FOREIGN KEY ("funding_id") REFERENCES "public"."fundings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fundings" ADD CONSTRAINT "fundings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fundings" ADD CONSTRAINT "fundings_funder_organisation_id_organisations_id_fk" FOREIGN KEY ("funder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fundings" ADD CONSTRAINT "fundings_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_needs" ADD CONSTRAINT "census_needs_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_needs" ADD CONSTRAINT "census_needs_registered_by_organisation_id_organisations_id_fk" FOREIGN KEY ("registered_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_needs" ADD CONSTRAINT "census_needs_registered_by_user_id_users_id_fk" FOREIGN KEY ("registered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_needs" ADD CONSTRAINT "census_needs_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_needs" ADD CONSTRAINT "census_needs_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_needs" ADD CONSTRAINT "census_needs_converted_by_user_id_users_id_fk" FOREIGN KEY ("converted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_settings" ADD CONSTRAINT "census_settings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_batches" ADD CONSTRAINT "cheque_batches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_batches" ADD CONSTRAINT "cheque_batches_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cheques" ADD CONSTRAINT "training_cheques_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cheques" ADD CONSTRAINT "training_cheques_session_id_workshop_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."workshop_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cheques" ADD CONSTRAINT "training_cheques_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cheques" ADD CONSTRAINT "training_cheques_batch_id_cheque_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."cheque_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cheques" ADD CONSTRAINT "training_cheques_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insertion_clauses" ADD CONSTRAINT "insertion_clauses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insertion_clauses" ADD CONSTRAINT "insertion_clauses_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insertion_clauses" ADD CONSTRAINT "insertion_clauses_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_contracts" ADD CONSTRAINT "workforce_contracts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_contracts" ADD CONSTRAINT "workforce_contracts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_contracts" ADD CONSTRAINT "workforce_contracts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_hours" ADD CONSTRAINT "workforce_hours_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_hours" ADD CONSTRAINT "workforce_hours_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_hours" ADD CONSTRAINT "workforce_hours_clause_id_insertion_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."insertion_clauses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_hours" ADD CONSTRAINT "workforce_hours_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_settings" ADD CONSTRAINT "workforce_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_skill_levels" ADD CONSTRAINT "workforce_skill_levels_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_skill_levels" ADD CONSTRAINT "workforce_skill_levels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_skill_levels" ADD CONSTRAINT "workforce_skill_levels_assessed_by_user_id_users_id_fk" FOREIGN KEY ("assessed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_lines_programme_idx" ON "budget_lines" USING btree ("programme_id","year","position");--> statement-breakpoint
CREATE INDEX "funding_payments_funding_idx" ON "funding_payments" USING btree ("funding_id","received_on");--> statement-breakpoint
CREATE INDEX "fundings_programme_idx" ON "fundings" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "fundings_funder_idx" ON "fundings" USING btree ("funder_organisation_id") WHERE "fundings"."funder_organisation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "census_needs_programme_idx" ON "census_needs" USING btree ("programme_id","status","created_at");--> statement-breakpoint
CREATE INDEX "census_needs_prescriber_idx" ON "census_needs" USING btree ("registered_by_organisation_id") WHERE "census_needs"."registered_by_organisation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cheque_batches_org_idx" ON "cheque_batches" USING btree ("organisation_id","sent_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_cheques_number_unique" ON "training_cheques" USING btree ("organisation_id","issuer","number");--> statement-breakpoint
CREATE INDEX "training_cheques_pending_idx" ON "training_cheques" USING btree ("organisation_id","expires_on") WHERE "training_cheques"."batch_id" IS NULL;--> statement-breakpoint
CREATE INDEX "training_cheques_session_idx" ON "training_cheques" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "training_cheques_batch_idx" ON "training_cheques" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "insertion_clauses_org_idx" ON "insertion_clauses" USING btree ("organisation_id","starts_on");--> statement-breakpoint
CREATE INDEX "workforce_contracts_org_idx" ON "workforce_contracts" USING btree ("organisation_id","user_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "workforce_hours_week_unique" ON "workforce_hours" USING btree ("organisation_id","user_id","week_start");--> statement-breakpoint
CREATE INDEX "workforce_skill_levels_user_idx" ON "workforce_skill_levels" USING btree ("organisation_id","user_id","skill_key","assessed_on");