CREATE TABLE "anonymisation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ran_on" date NOT NULL,
	"cutoff_on" date NOT NULL,
	"anonymised" integer NOT NULL,
	"by_organisation" jsonb NOT NULL,
	"trigger" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beneficiaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"referring_organisation_id" uuid NOT NULL,
	"first_name" text,
	"last_name" text,
	"name" text,
	"birth_year" integer,
	"age_band" text,
	"household_type" text,
	"children_count" integer,
	"postcode" text,
	"city" text,
	"country" text DEFAULT 'FR' NOT NULL,
	"priority_zone" boolean,
	"income_situation" text,
	"family_quotient_cents" integer,
	"employment_situation" text,
	"target_group" text NOT NULL,
	"phone" text,
	"email" text,
	"accessibility_needs" boolean DEFAULT false NOT NULL,
	"device_need" text,
	"rna" text,
	"siret" text,
	"contact_name" text,
	"people_served" integer,
	"search_key" text DEFAULT '' NOT NULL,
	"last_activity_on" date NOT NULL,
	"anonymised_at" timestamp with time zone,
	"merged_into_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beneficiary_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"referral_id" uuid,
	"programme_id" uuid,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"happened_on" date NOT NULL,
	"from_status" text,
	"to_status" text,
	"reasons" jsonb,
	"exit_reason" text,
	"fields" text[],
	"related_beneficiary_id" uuid,
	"author_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"given_on" date NOT NULL,
	"covers" text[] NOT NULL,
	"collected_by_user_id" uuid,
	"withdrawn_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_partners" (
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "programme_partners_programme_id_organisation_id_role_pk" PRIMARY KEY("programme_id","organisation_id","role")
);
--> statement-breakpoint
CREATE TABLE "programme_subsidies" (
	"programme_id" uuid NOT NULL,
	"funder_organisation_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "programme_subsidies_programme_id_funder_organisation_id_pk" PRIMARY KEY("programme_id","funder_organisation_id")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"mode" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"unit_price_cents" integer,
	"loan_months" integer,
	"loan_renewable" boolean DEFAULT false NOT NULL,
	"internet_aid_amount_cents" integer,
	"internet_aid_months" integer,
	"training_required" boolean DEFAULT false NOT NULL,
	"training_min_sessions" integer,
	"max_devices_per_person" integer DEFAULT 1 NOT NULL,
	"targets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"copied_from_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"referring_organisation_id" uuid NOT NULL,
	"referred_by_user_id" uuid,
	"referred_on" date NOT NULL,
	"status" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evaluated_on" date NOT NULL,
	"social_evaluation" text,
	"priority" boolean DEFAULT false NOT NULL,
	"priority_reason" text,
	"exit_reason" text,
	"exited_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_referring_organisation_id_organisations_id_fk" FOREIGN KEY ("referring_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiary_events" ADD CONSTRAINT "beneficiary_events_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiary_events" ADD CONSTRAINT "beneficiary_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiary_events" ADD CONSTRAINT "beneficiary_events_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiary_events" ADD CONSTRAINT "beneficiary_events_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_collected_by_user_id_users_id_fk" FOREIGN KEY ("collected_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_partners" ADD CONSTRAINT "programme_partners_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_partners" ADD CONSTRAINT "programme_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_subsidies" ADD CONSTRAINT "programme_subsidies_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_subsidies" ADD CONSTRAINT "programme_subsidies_funder_organisation_id_organisations_id_fk" FOREIGN KEY ("funder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referring_organisation_id_organisations_id_fk" FOREIGN KEY ("referring_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_by_user_id_users_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anonymisation_runs_ran_idx" ON "anonymisation_runs" USING btree ("ran_at");--> statement-breakpoint
CREATE UNIQUE INDEX "anonymisation_runs_daily_unique" ON "anonymisation_runs" USING btree ("ran_on") WHERE "anonymisation_runs"."trigger" = 'daily';--> statement-breakpoint
CREATE INDEX "beneficiaries_org_idx" ON "beneficiaries" USING btree ("referring_organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "beneficiaries_name_order_idx" ON "beneficiaries" USING btree ("search_key","id");--> statement-breakpoint
CREATE INDEX "beneficiaries_created_order_idx" ON "beneficiaries" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "beneficiaries_search_trgm_idx" ON "beneficiaries" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "beneficiaries_duplicate_idx" ON "beneficiaries" USING btree ("referring_organisation_id","search_key","birth_year");--> statement-breakpoint
CREATE INDEX "beneficiaries_activity_idx" ON "beneficiaries" USING btree ("last_activity_on") WHERE "beneficiaries"."anonymised_at" IS NULL;--> statement-breakpoint
CREATE INDEX "beneficiary_events_beneficiary_idx" ON "beneficiary_events" USING btree ("beneficiary_id","at");--> statement-breakpoint
CREATE INDEX "consents_beneficiary_idx" ON "consents" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "programme_partners_org_idx" ON "programme_partners" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "programme_subsidies_funder_idx" ON "programme_subsidies" USING btree ("funder_organisation_id");--> statement-breakpoint
CREATE INDEX "programmes_owner_idx" ON "programmes" USING btree ("owner_organisation_id","starts_on");--> statement-breakpoint
CREATE INDEX "programmes_created_idx" ON "programmes" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_open_unique" ON "referrals" USING btree ("beneficiary_id","programme_id") WHERE "referrals"."status" <> 'exited';--> statement-breakpoint
CREATE INDEX "referrals_programme_idx" ON "referrals" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "referrals_org_idx" ON "referrals" USING btree ("referring_organisation_id","status");--> statement-breakpoint
CREATE INDEX "referrals_order_idx" ON "referrals" USING btree ("referred_on","created_at","id");--> statement-breakpoint
CREATE INDEX "referrals_beneficiary_idx" ON "referrals" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "referrals_referred_by_idx" ON "referrals" USING btree ("referred_by_user_id");