CREATE TABLE "follow_up_answers" (
	"follow_up_id" uuid PRIMARY KEY NOT NULL,
	"works" text NOT NULL,
	"frequency" text NOT NULL,
	"uses" text[] NOT NULL,
	"autonomy" text NOT NULL,
	"help_device" boolean DEFAULT false NOT NULL,
	"help_contact" boolean DEFAULT false NOT NULL,
	"comment" text,
	"answered_by" text NOT NULL,
	"answered_by_user_id" uuid,
	"answered_on" date NOT NULL,
	"ticket_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"follow_up_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"channel" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_settings" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"months" integer[] DEFAULT '{3,6,12}'::integer[] NOT NULL,
	"reminder_days" integer DEFAULT 14 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"allocation_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"months" integer NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"sent_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "association_order_allocations" (
	"order_id" uuid NOT NULL,
	"allocation_id" uuid NOT NULL,
	CONSTRAINT "association_order_allocations_order_id_allocation_id_pk" PRIMARY KEY("order_id","allocation_id")
);
--> statement-breakpoint
CREATE TABLE "association_order_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "association_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"device_type" text NOT NULL,
	"grade" text,
	"quantity" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "association_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"number" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_on" date NOT NULL,
	"note" text,
	"refusal_reason" text,
	"cancel_reason" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "association_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"status" text DEFAULT 'unconfirmed' NOT NULL,
	"name" text NOT NULL,
	"rna" text,
	"siret" text,
	"address" text NOT NULL,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"activity" text NOT NULL,
	"people_served" integer NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"refusal_reason" text,
	"organisation_id" uuid,
	"beneficiary_id" uuid,
	"referral_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_settings" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"max_devices_per_year" integer DEFAULT 5 NOT NULL,
	"max_open_orders" integer DEFAULT 3 NOT NULL,
	"intro" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "follow_up_answers" ADD CONSTRAINT "follow_up_answers_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_answers" ADD CONSTRAINT "follow_up_answers_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_answers" ADD CONSTRAINT "follow_up_answers_ticket_id_maintenance_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."maintenance_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_links" ADD CONSTRAINT "follow_up_links_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_settings" ADD CONSTRAINT "follow_up_settings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_order_allocations" ADD CONSTRAINT "association_order_allocations_order_id_association_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."association_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_order_allocations" ADD CONSTRAINT "association_order_allocations_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_order_events" ADD CONSTRAINT "association_order_events_order_id_association_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."association_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_order_events" ADD CONSTRAINT "association_order_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_order_lines" ADD CONSTRAINT "association_order_lines_order_id_association_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."association_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_orders" ADD CONSTRAINT "association_orders_registration_id_association_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."association_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_orders" ADD CONSTRAINT "association_orders_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_orders" ADD CONSTRAINT "association_orders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_orders" ADD CONSTRAINT "association_orders_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_registrations" ADD CONSTRAINT "association_registrations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_registrations" ADD CONSTRAINT "association_registrations_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_registrations" ADD CONSTRAINT "association_registrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_registrations" ADD CONSTRAINT "association_registrations_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_registrations" ADD CONSTRAINT "association_registrations_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_settings" ADD CONSTRAINT "portal_settings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_links_token_unique" ON "follow_up_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "follow_up_links_follow_up_idx" ON "follow_up_links" USING btree ("follow_up_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_allocation_months_unique" ON "follow_ups" USING btree ("allocation_id","months");--> statement-breakpoint
CREATE INDEX "follow_ups_programme_idx" ON "follow_ups" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "follow_ups_beneficiary_idx" ON "follow_ups" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "follow_ups_due_idx" ON "follow_ups" USING btree ("due_on") WHERE "follow_ups"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "association_order_events_order_idx" ON "association_order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "association_order_lines_order_idx" ON "association_order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "association_orders_programme_idx" ON "association_orders" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "association_orders_organisation_idx" ON "association_orders" USING btree ("organisation_id","submitted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "association_orders_number_unique" ON "association_orders" USING btree ("programme_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "association_registrations_token_unique" ON "association_registrations" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "association_registrations_programme_idx" ON "association_registrations" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "association_registrations_unconfirmed_idx" ON "association_registrations" USING btree ("created_at") WHERE "association_registrations"."status" = 'unconfirmed';--> statement-breakpoint
CREATE UNIQUE INDEX "association_registrations_organisation_unique" ON "association_registrations" USING btree ("programme_id","organisation_id") WHERE "association_registrations"."organisation_id" IS NOT NULL;