CREATE TABLE "allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"device_organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'reserved' NOT NULL,
	"allocated_on" date NOT NULL,
	"allocated_by_user_id" uuid,
	"handed_over_on" date,
	"handed_over_by_user_id" uuid,
	"payment_cents" integer,
	"payment_method" text,
	"payment_note" text,
	"expected_contribution_cents" integer,
	"signed_on_paper" boolean DEFAULT false NOT NULL,
	"handover_event_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"handover_cancelled_at" timestamp with time zone,
	"handover_cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distribution_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"allocation_id" uuid,
	"programme_id" uuid NOT NULL,
	"funder_organisation_id" uuid,
	"period_from" date,
	"period_to" date,
	"locale" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"voided_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"title" text,
	"completed_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "internet_aids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"months" integer NOT NULL,
	"granted_on" date NOT NULL,
	"provider" text,
	"proof_received" boolean DEFAULT false NOT NULL,
	"granted_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allocation_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"due_on" date NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	"returned_on" date,
	"return_condition" text,
	"reminder_soon_sent_at" timestamp with time zone,
	"reminder_due_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allocation_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"swapped_for_device_id" uuid,
	"reported_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_device_organisation_id_organisations_id_fk" FOREIGN KEY ("device_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_allocated_by_user_id_users_id_fk" FOREIGN KEY ("allocated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_handed_over_by_user_id_users_id_fk" FOREIGN KEY ("handed_over_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_handover_event_id_handover_events_id_fk" FOREIGN KEY ("handover_event_id") REFERENCES "public"."handover_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_documents" ADD CONSTRAINT "distribution_documents_issuer_organisation_id_organisations_id_fk" FOREIGN KEY ("issuer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_documents" ADD CONSTRAINT "distribution_documents_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_documents" ADD CONSTRAINT "distribution_documents_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_documents" ADD CONSTRAINT "distribution_documents_funder_organisation_id_organisations_id_fk" FOREIGN KEY ("funder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_documents" ADD CONSTRAINT "distribution_documents_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_events" ADD CONSTRAINT "handover_events_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_events" ADD CONSTRAINT "handover_events_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internet_aids" ADD CONSTRAINT "internet_aids_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internet_aids" ADD CONSTRAINT "internet_aids_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internet_aids" ADD CONSTRAINT "internet_aids_granted_by_user_id_users_id_fk" FOREIGN KEY ("granted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD CONSTRAINT "maintenance_tickets_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD CONSTRAINT "maintenance_tickets_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD CONSTRAINT "maintenance_tickets_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD CONSTRAINT "maintenance_tickets_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD CONSTRAINT "maintenance_tickets_swapped_for_device_id_devices_id_fk" FOREIGN KEY ("swapped_for_device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD CONSTRAINT "maintenance_tickets_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_device_reserved_unique" ON "allocations" USING btree ("device_id") WHERE "allocations"."status" = 'reserved';--> statement-breakpoint
CREATE INDEX "allocations_programme_idx" ON "allocations" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "allocations_beneficiary_idx" ON "allocations" USING btree ("beneficiary_id","programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_documents_number_unique" ON "distribution_documents" USING btree ("issuer_organisation_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_documents_allocation_unique" ON "distribution_documents" USING btree ("allocation_id","kind") WHERE "distribution_documents"."allocation_id" IS NOT NULL AND "distribution_documents"."voided_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_documents_statement_unique" ON "distribution_documents" USING btree ("programme_id","funder_organisation_id","period_from","period_to") WHERE "distribution_documents"."kind" = 'subsidy_statement';--> statement-breakpoint
CREATE INDEX "handover_events_programme_idx" ON "handover_events" USING btree ("programme_id","held_on");--> statement-breakpoint
CREATE INDEX "internet_aids_programme_idx" ON "internet_aids" USING btree ("programme_id","granted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_allocation_unique" ON "loans" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "loans_due_idx" ON "loans" USING btree ("due_on") WHERE "loans"."returned_on" IS NULL;--> statement-breakpoint
CREATE INDEX "loans_programme_idx" ON "loans" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "maintenance_tickets_programme_idx" ON "maintenance_tickets" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "maintenance_tickets_allocation_idx" ON "maintenance_tickets" USING btree ("allocation_id");