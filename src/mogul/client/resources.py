"""The typed API, one method per module.

GENERATED from the module registry by `python -m mogul.client.generate`; do not edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol, cast

from mogul.client.pagination import AsyncPager, Pager
from mogul.flow.record import Record


class _Runs(Protocol):
    def run(self, module_id: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Any: ...


class Customers:
    """Customer modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        external_id: str | None = None,
        status: str | None = None,
        system: str | None = None,
    ) -> Pager[Record]:
        """List Customers: Returns a list of customer objects in your ChartMogul account.

        Args:
            limit: Set the maximum number of customers mogul should return.
            data_source: Select the data source whose related customers you want to list. Takes the uuid
                or the data source's name.
            external_id: Enter the unique external identifier of the customers you want to list.
            status: Select the status of the customers whom you want to list. Allowed: Lead, New Lead,
                Working Lead, Qualified Lead, Unqualified Lead, Active, Past Due, Canceled.
            system: Select the billing system of the customers you want to list. Allowed: Stripe,
                Recurly, Chargify, Custom.
        """
        return self._client.run(
            "customers.list",
            {
                "limit": limit,
                "data_source": data_source,
                "external_id": external_id,
                "status": status,
                "system": system,
            },
        )

    def get(self, customer: str) -> Record:
        """Get a Customer: Retrieves a customer object from your ChartMogul account.

        Args:
            customer (mandatory): Select the customer whose details you want to retrieve. Takes the uuid
                or the customer's external id or email.
        """
        return self._client.run("customers.get", {"customer": customer})

    def create(
        self,
        *,
        data_source: str,
        external_id: str,
        name: str | None = None,
        email: str | None = None,
        company: str | None = None,
        country: str | None = None,
        state: str | None = None,
        city: str | None = None,
        zip: str | None = None,
        lead_created_at: datetime | date | str | None = None,
        free_trial_started_at: datetime | date | str | None = None,
        tags: Sequence[str] | str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Create a Customer: Creates a customer object in ChartMogul under the specified data source.

        Args:
            data_source (mandatory): Select the data source from where the customer comes from. Takes
                the uuid or the data source's name.
            external_id (mandatory): Enter the unique ID specified for the customer.
            name: Enter the name of the customer.
            email: Enter the email address of the customer.
            company: Enter the company name to which the customer belongs to.
            country: Enter the customer's or customer company's country location.
            state: Enter the state code of the customer or customer's company.
            city: Enter the city name of the customer or customer's company.
            zip: Enter the area zip code of the customer or customer's company.
            lead_created_at: Enter the date and time when the customer is established as a lead.
            free_trial_started_at: Enter the date and time when the customer's free trial period
                started.
            tags: Enter the tags related to the customer.
            custom: Add the custom attributes: Type (Select the data type), Key (Enter the name of the
                custom attribute), Value (Enter the value of the custom attribute).
        """
        return self._client.run(
            "customers.create",
            {
                "data_source": data_source,
                "external_id": external_id,
                "name": name,
                "email": email,
                "company": company,
                "country": country,
                "state": state,
                "city": city,
                "zip": zip,
                "lead_created_at": lead_created_at,
                "free_trial_started_at": free_trial_started_at,
                "tags": tags,
                "custom": custom,
            },
        )

    def update(
        self,
        customer: str,
        *,
        data_source: str | None = None,
        external_id: str | None = None,
        name: str | None = None,
        email: str | None = None,
        company: str | None = None,
        country: str | None = None,
        state: str | None = None,
        city: str | None = None,
        zip: str | None = None,
        lead_created_at: datetime | date | str | None = None,
        free_trial_started_at: datetime | date | str | None = None,
        tags: Sequence[str] | str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Update a Customer: Updates certain modifiable attributes of a customer object in your ChartMogul
        account.

        Args:
            customer (mandatory): Select the customer whose details you want to update. Takes the uuid
                or the customer's external id or email.
            data_source: Select the data source from where the customer comes from. Takes the uuid or
                the data source's name.
            external_id: Enter the unique ID specified for the customer.
            name: Enter the name of the customer.
            email: Enter the email address of the customer.
            company: Enter the company name to which the customer belongs to.
            country: Enter the customer's or customer company's country location.
            state: Enter the state code of the customer or customer's company.
            city: Enter the city name of the customer or customer's company.
            zip: Enter the area zip code of the customer or customer's company.
            lead_created_at: Enter the date and time when the customer is established as a lead.
            free_trial_started_at: Enter the date and time when the customer's free trial period
                started.
            tags: Enter the tags related to the customer.
            custom: Add the custom attributes: Type (Select the data type), Key (Enter the name of the
                custom attribute), Value (Enter the value of the custom attribute).
        """
        return self._client.run(
            "customers.update",
            {
                "customer": customer,
                "data_source": data_source,
                "external_id": external_id,
                "name": name,
                "email": email,
                "company": company,
                "country": country,
                "state": state,
                "city": city,
                "zip": zip,
                "lead_created_at": lead_created_at,
                "free_trial_started_at": free_trial_started_at,
                "tags": tags,
                "custom": custom,
            },
        )

    def delete(self, customer: str) -> None:
        """Delete a Customer: Deletes the specified customer object and all its associated data.

        Args:
            customer (mandatory): Select the customer you want to delete. Takes the uuid or the
                customer's external id or email.
        """
        self._client.run("customers.delete", {"customer": customer})

    def search(self, email: str, *, limit: int | None = None) -> Pager[Record]:
        """Search Customers by Email: Returns the customers with the given email address.

        Args:
            email (mandatory): Enter the email address of the customers you want to find.
            limit: Set the maximum number of customers mogul should return.
        """
        return self._client.run("customers.search", {"email": email, "limit": limit})

    def merge(self, into_customer: str, *, from_customer: str) -> Record:
        """Merge Customers: Merges one customer into another: its invoices, subscriptions, contacts, notes,
        opportunities and tasks move to the customer kept, which lists its external id too; returns that
        customer.

        Args:
            from_customer (mandatory): Select the customer to merge from: its data moves to the other,
                and it is deleted. Takes the uuid or the customer's external id or email.
            into_customer (mandatory): Select the customer to merge into, which is kept. Takes the uuid
                or the customer's external id or email.
        """
        return self._client.run(
            "customers.merge", {"from_customer": from_customer, "into_customer": into_customer}
        )

    def unmerge(
        self,
        customer: str,
        *,
        data_source: str,
        external_id: str,
        move_to_new_customer: Sequence[str] | str | None = None,
    ) -> Record:
        """Unmerge a Customer: Splits a customer merged earlier back out of the merged one, into a new
        customer with its own invoices and subscriptions; returns the new customer.

        Args:
            customer (mandatory): Select the merged customer to unmerge a customer from. Takes the uuid
                or the customer's external id or email.
            data_source (mandatory): Select the data source of the customer to unmerge into its own
                record. Takes the uuid or the data source's name.
            external_id (mandatory): Enter the external ID of the customer to unmerge into its own
                record.
            move_to_new_customer: Select what moves to the unmerged customer (else it stays with the
                merged one): tasks, opportunities, notes.
        """
        return self._client.run(
            "customers.unmerge",
            {
                "customer": customer,
                "data_source": data_source,
                "external_id": external_id,
                "move_to_new_customer": move_to_new_customer,
            },
        )


class Plans:
    """Plan modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        system: str | None = None,
        external_id: str | None = None,
    ) -> Pager[Record]:
        """List Plans: Returns a list of plan objects in your ChartMogul account.

        Args:
            limit: Set the maximum number of plans mogul should return.
            data_source: Select the data source whose plans you want to list. Takes the uuid or the data
                source's name.
            system: Select the billing system of the plans you want to list. Allowed: Stripe, Recurly,
                Chargify, Custom.
            external_id: Enter the external ID of the plan you want to list.
        """
        return self._client.run(
            "plans.list",
            {"limit": limit, "data_source": data_source, "system": system, "external_id": external_id},
        )

    def get(self, plan: str) -> Record:
        """Get a Plan: Retrieves a plan object from your ChartMogul account.

        Args:
            plan (mandatory): Select the plan whose details you want to retrieve. Takes the uuid or the
                plan's external id or name.
        """
        return self._client.run("plans.get", {"plan": plan})

    def create(
        self,
        *,
        data_source: str,
        name: str,
        interval_count: int,
        interval_unit: str,
        external_id: str | None = None,
    ) -> Record:
        """Create a Plan: Creates a plan object in ChartMogul under the specified source.

        Args:
            data_source (mandatory): Select the Data Source ID for which you want to create the
                subscription plan. Takes the uuid or the data source's name.
            name (mandatory): Enter a name for the plan. Accepts alphanumeric characters.
            interval_count (mandatory): Enter the frequency of the billing for the plan. For example, 6
                for a half-yearly plan.
            interval_unit (mandatory): Select the unit for billing interval. For example, month for the
                above half-yearly plan. Allowed: Day, Month, Year.
            external_id: Enter the unique External ID for the plan. It should be an identifier from your
                internal system. Accepts alphanumeric characters.
        """
        return self._client.run(
            "plans.create",
            {
                "data_source": data_source,
                "name": name,
                "interval_count": interval_count,
                "interval_unit": interval_unit,
                "external_id": external_id,
            },
        )

    def update(
        self,
        plan: str,
        *,
        data_source: str | None = None,
        name: str | None = None,
        interval_count: int | None = None,
        interval_unit: str | None = None,
        external_id: str | None = None,
    ) -> Record:
        """Update a Plan: Updates a plan object in your ChartMogul account.

        Args:
            plan (mandatory): Select the plan whose details you want to update. Takes the uuid or the
                plan's external id or name.
            data_source: Select the Data Source ID the plan belongs to. Takes the uuid or the data
                source's name.
            name: Enter a name for the plan. Accepts alphanumeric characters.
            interval_count: Enter the frequency of the billing for the plan. For example, 6 for a half-
                yearly plan.
            interval_unit: Select the unit for billing interval. For example, month for the above half-
                yearly plan. Allowed: Day, Month, Year.
            external_id: Enter the unique External ID for the plan. It should be an identifier from your
                internal system. Accepts alphanumeric characters.
        """
        return self._client.run(
            "plans.update",
            {
                "plan": plan,
                "data_source": data_source,
                "name": name,
                "interval_count": interval_count,
                "interval_unit": interval_unit,
                "external_id": external_id,
            },
        )

    def delete(self, plan: str) -> None:
        """Delete a Plan: Deletes the specified plan object in your ChartMogul account.

        Args:
            plan (mandatory): Select the plan you want to delete. Takes the uuid or the plan's external
                id or name.
        """
        self._client.run("plans.delete", {"plan": plan})


class PlanGroups:
    """Plan Group modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(self, *, limit: int | None = None) -> Pager[Record]:
        """List Plan Groups: Returns a list of plan group objects in your ChartMogul account.

        Args:
            limit: Set the maximum number of plan groups mogul should return.
        """
        return self._client.run("plan_groups.list", {"limit": limit})

    def list_plans(self, plan_group: str, *, limit: int | None = None) -> Pager[Record]:
        """List Plans in a Plan Group: Returns the plans of a plan group.

        Args:
            plan_group (mandatory): Select the plan group whose plans you want to list. Takes the uuid
                or the plan group's name.
            limit: Set the maximum number of plans mogul should return.
        """
        return self._client.run("plan_groups.list_plans", {"plan_group": plan_group, "limit": limit})

    def get(self, plan_group: str) -> Record:
        """Get a Plan Group: Retrieves a plan group object from your ChartMogul account.

        Args:
            plan_group (mandatory): Select the plan group whose details you want to retrieve. Takes the
                uuid or the plan group's name.
        """
        return self._client.run("plan_groups.get", {"plan_group": plan_group})

    def create(self, *, name: str, plans: Sequence[str] | str) -> Record:
        """Create a Plan Group: Creates a plan group object in ChartMogul.

        Args:
            name (mandatory): Enter a name for the plan group.
            plans (mandatory): Add the plans for the plan group. Takes the uuid or the plan's external
                id or name.
        """
        return self._client.run("plan_groups.create", {"name": name, "plans": plans})

    def update(
        self, plan_group: str, *, name: str | None = None, plans: Sequence[str] | str | None = None
    ) -> Record:
        """Update a Plan Group: Updates a plan group object in your ChartMogul account.

        Args:
            plan_group (mandatory): Select the plan group whose details you want to update. Takes the
                uuid or the plan group's name.
            name: Enter a name for the plan group.
            plans: Add the plans for the plan group (they replace its plans). Takes the uuid or the
                plan's external id or name.
        """
        return self._client.run(
            "plan_groups.update", {"plan_group": plan_group, "name": name, "plans": plans}
        )

    def delete(self, plan_group: str) -> None:
        """Deletes a Plan Group: Deletes the specified plan group object from your ChartMogul account.

        Args:
            plan_group (mandatory): Select the plan group you want to delete. Takes the uuid or the plan
                group's name.
        """
        self._client.run("plan_groups.delete", {"plan_group": plan_group})


class DataSources:
    """Data Source modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self, *, limit: int | None = None, name: str | None = None, system: str | None = None
    ) -> Pager[Record]:
        """List Data Source: List all data source object in your ChartMogul account.

        Args:
            limit: Set the maximum number of data sources mogul should return.
            name: Enter the data source name you want to list. For example, My data source.
            system: Select the billing system of the data source you want to list. Allowed: Stripe,
                Recurly, Chargify, Custom.
        """
        return self._client.run("data_sources.list", {"limit": limit, "name": name, "system": system})

    def get(self, data_source: str) -> Record:
        """Get a Data Source: Retrieves a data source object from your ChartMogul account.

        Args:
            data_source (mandatory): Select the data source whose details you want to retrieve. Takes
                the uuid or the data source's name.
        """
        return self._client.run("data_sources.get", {"data_source": data_source})

    def create(self, *, name: str) -> Record:
        """Create a Data Source: Creates a data source object for importing data into ChartMogul.

        Args:
            name (mandatory): Enter a unique name for the data source. For example, Implementation
                system.
        """
        return self._client.run("data_sources.create", {"name": name})

    def delete(self, data_source: str) -> None:
        """Delete a Data Source: Deletes the specified data source object and all its associated data.

        Args:
            data_source (mandatory): Select the data source you want to delete. Takes the uuid or the
                data source's name.
        """
        self._client.run("data_sources.delete", {"data_source": data_source})


class Invoices:
    """Invoices modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        customer: str | None = None,
        external_id: str | None = None,
    ) -> Pager[Record]:
        """List Invoices: Returns a list of invoice objects created using the API in your ChartMogul
        account.

        Args:
            limit: Set the maximum number of invoices mogul should return.
            data_source: Select the data source whose invoices you want to list. Takes the uuid or the
                data source's name.
            customer: Select the customer whose invoices you want to list. Takes the uuid or the
                customer's external id or email.
            external_id: Select the unique External ID of the invoice you want to list.
        """
        return self._client.run(
            "invoices.list",
            {"limit": limit, "data_source": data_source, "customer": customer, "external_id": external_id},
        )

    def get(self, invoice: str) -> Record:
        """Get an Invoice: Retrieves an invoice object from your ChartMogul account.

        Args:
            invoice (mandatory): Select the invoice whose details you want to retrieve. Takes the uuid
                or the invoice's external id.
        """
        return self._client.run("invoices.get", {"invoice": invoice})

    def import_(
        self,
        customer: str,
        *,
        external_id: str,
        date: datetime | date | str,
        currency: str,
        line_items: Sequence[Mapping[str, Any]],
        data_source: str | None = None,
        customer_external_id: str | None = None,
        transactions: Sequence[Mapping[str, Any]] | None = None,
        due_date: datetime | date | str | None = None,
    ) -> Record:
        """Import an Invoice: Creates an invoice for a given API customer.

        Args:
            customer (mandatory): Select the Customer ID whose invoice you want to import. Takes the
                uuid or the customer's external id or email.
            external_id (mandatory): Enter the unique External ID of the invoice. It should be an
                identifier from your internal system. Accepts alphanumeric characters.
            date (mandatory): Enter the date on which the invoice was raised.
            currency (mandatory): The 3-letter currency code of the currency in which this invoice is
                billed. For example, USD, EUR, GBP.
            line_items (mandatory): Add the line items of the invoice. Each item: type*
                (Subscription/One Time), amount_in_cents*, subscription_external_id,
                subscription_set_external_id, plan, service_period_start, service_period_end,
                cancelled_at, prorated (Yes/No/Not defined), description, quantity,
                discount_amount_in_cents, discount_code, tax_amount_in_cents, transaction_fees_in_cents,
                external_id, account_code (* mandatory).
            data_source: Enter the ChartMogul UUID of the Data Source to which these invoices should be
                attributed. Takes the uuid or the data source's name.
            customer_external_id: Enter the unique Customer External ID specified by you for the
                customer. Typically an identifier from your internal system. Accepts alphanumeric
                characters.
            transactions: Add the transactions. Each item: date*, type* (Payment/Refund), result*
                (Successful/Failed), external_id, amount_in_cents (* mandatory).
            due_date: Enter the date by when the invoice must be paid.
        """
        return self._client.run(
            "invoices.import",
            {
                "customer": customer,
                "external_id": external_id,
                "date": date,
                "currency": currency,
                "line_items": line_items,
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "transactions": transactions,
                "due_date": due_date,
            },
        )

    def delete(self, invoice: str) -> None:
        """Delete an Invoice: Deletes the specified invoice object and all its associated data.

        Args:
            invoice (mandatory): Select the invoice you want to delete. Takes the uuid or the invoice's
                external id.
        """
        self._client.run("invoices.delete", {"invoice": invoice})

    def import_transaction(
        self,
        invoice: str,
        *,
        date: datetime | date | str,
        type: str,
        result: str,
        external_id: str | None = None,
        amount_in_cents: int | None = None,
    ) -> Record:
        """Import an Invoice Transaction: Creates a transaction object for an invoice imported using the
        import API.

        Args:
            invoice (mandatory): Select the invoice whose transaction you want to import. Takes the uuid
                or the invoice's external id.
            date (mandatory): Enter the date of the transaction.
            type (mandatory): Select the invoice transaction type. Allowed: Payment, Refund.
            result (mandatory): Select the result of the invoice transaction. Allowed: Successful,
                Failed.
            external_id: Enter the External ID of the invoice transaction.
            amount_in_cents: The amount paid or refunded in cents; leave empty for the invoice's full
                amount.
        """
        return self._client.run(
            "invoices.import_transaction",
            {
                "invoice": invoice,
                "date": date,
                "type": type,
                "result": result,
                "external_id": external_id,
                "amount_in_cents": amount_in_cents,
            },
        )

    def update(
        self,
        invoice: str,
        *,
        data_source: str | None = None,
        date: datetime | date | str | None = None,
        due_date: datetime | date | str | None = None,
        currency: str | None = None,
        collection_method: str | None = None,
    ) -> Record:
        """Update an Invoice: Updates the date, due date, currency or collection method of an invoice.

        Args:
            invoice (mandatory): Select the invoice you want to update. Takes the uuid or the invoice's
                external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            date: Enter the date on which the invoice was raised.
            due_date: Enter the date by when the invoice must be paid.
            currency: The 3-letter currency code of the currency in which this invoice is billed. For
                example, USD, EUR, GBP.
            collection_method: Select whether the invoice is paid automatically or manually. Allowed:
                Automatic, Manual.
        """
        return self._client.run(
            "invoices.update",
            {
                "invoice": invoice,
                "data_source": data_source,
                "date": date,
                "due_date": due_date,
                "currency": currency,
                "collection_method": collection_method,
            },
        )

    def disable(self, invoice: str, *, data_source: str | None = None) -> Record:
        """Disable an Invoice: Disables an invoice with its line items and transactions: it is kept, counts
        for no MRR, and is left out of lists unless they ask for disabled ones.

        Args:
            invoice (mandatory): Select the invoice you want to disable. Takes the uuid or the invoice's
                external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run("invoices.disable", {"invoice": invoice, "data_source": data_source})

    def enable(self, invoice: str, *, data_source: str | None = None) -> Record:
        """Enable an Invoice: Enables a disabled invoice with its line items and transactions again.

        Args:
            invoice (mandatory): Select the invoice you want to enable. Takes the uuid or the invoice's
                external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run("invoices.enable", {"invoice": invoice, "data_source": data_source})

    def update_status(self, invoice: str, *, data_source: str | None = None, status: str) -> Record:
        """Update an Invoice's Status: Voids an invoice or writes it off (its other statuses, open, paid
        and refunded, come from its transactions). There is no way back: a voided or written-off invoice
        stays so.

        Args:
            invoice (mandatory): Select the invoice whose status you want to set. Takes the uuid or the
                invoice's external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            status (mandatory): Select the invoice's new status: a voided or written-off invoice counts
                for no MRR. Allowed: Voided, Written Off.
        """
        return self._client.run(
            "invoices.update_status", {"invoice": invoice, "data_source": data_source, "status": status}
        )


class LineItems:
    """Line Items modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def import_(
        self,
        invoice: str,
        *,
        type: str,
        amount_in_cents: int,
        subscription_external_id: str | None = None,
        subscription_set_external_id: str | None = None,
        plan: str | None = None,
        service_period_start: datetime | date | str | None = None,
        service_period_end: datetime | date | str | None = None,
        cancelled_at: datetime | date | str | None = None,
        prorated: str | None = None,
        description: str | None = None,
        quantity: int | None = None,
        discount_amount_in_cents: int | None = None,
        discount_code: str | None = None,
        tax_amount_in_cents: int | None = None,
        transaction_fees_in_cents: int | None = None,
        external_id: str | None = None,
        account_code: str | None = None,
    ) -> Record:
        """Import a Line Item: Adds a line item to an invoice imported using the import API.

        Args:
            invoice (mandatory): Select the invoice the line item is added to. Takes the uuid or the
                invoice's external id.
            type (mandatory): Select the invoice type. Allowed: Subscription, One Time.
            amount_in_cents (mandatory): Enter the final amount charged for the line item for the
                specified quantity and service period, after discounts, taxes, and fees have been
                applied.
            subscription_external_id: Enter the unique identifier for the subscription in your system.
                Applicable only for the subscription items.
            subscription_set_external_id: Enter the unique identifier of the subscription set this
                subscription belongs to. Applicable only for the subscription items.
            plan: Enter the ChartMogul UUID of the plan for which this subscription is being charged.
                Applicable only for the subscription items. Takes the uuid or the plan's external id or
                name.
            service_period_start: Enter the start date of the service period for which this subscription
                is being charged. Applicable only for the subscription items.
            service_period_end: Enter the end date of the service period for which this subscription is
                being charged. Applicable only for the subscription items.
            cancelled_at: Enter the date and time when the subscription has been canceled, if the
                subscription has canceled.
            prorated: Select whether this item is prorated. Accepted for one-time line items. Ignored
                for subscription line items. Allowed: Yes, No, Not defined.
            description: Enter the details of the item.
            quantity: Enter the quantity of the items. The default quantity is 1.
            discount_amount_in_cents: Enter the discount applied to this line item in cents. Defaults to
                0. The discount amount does not impact the calculation of MRR.
            discount_code: Enter the discount code applicable to the item.
            tax_amount_in_cents: Enter the tax applied to this line item in cents. Defaults to 0. If
                specified, we exclude the tax amount from MRR.
            transaction_fees_in_cents: Enter the final total transaction fees paid to the billing
                provider and/or payment processor for this line item in cents (or pence for GBP, etc.).
            external_id: Enter the unique External ID specified for the line item. Typically an
                identifier from your internal system. Accepts alphanumeric characters.
            account_code: Enter the unique account code or the account number of this line item used for
                the purposes of accounting and revenue recognition. Accepts a maximum of 30 alphanumeric
                characters.
        """
        return self._client.run(
            "line_items.import",
            {
                "invoice": invoice,
                "type": type,
                "amount_in_cents": amount_in_cents,
                "subscription_external_id": subscription_external_id,
                "subscription_set_external_id": subscription_set_external_id,
                "plan": plan,
                "service_period_start": service_period_start,
                "service_period_end": service_period_end,
                "cancelled_at": cancelled_at,
                "prorated": prorated,
                "description": description,
                "quantity": quantity,
                "discount_amount_in_cents": discount_amount_in_cents,
                "discount_code": discount_code,
                "tax_amount_in_cents": tax_amount_in_cents,
                "transaction_fees_in_cents": transaction_fees_in_cents,
                "external_id": external_id,
                "account_code": account_code,
            },
        )

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        external_id: str | None = None,
        with_disabled: bool | None = None,
    ) -> Pager[Record]:
        """List Line Items: Returns the line items of your ChartMogul account, oldest first.

        Args:
            limit: Set the maximum number of line items mogul should return.
            data_source: Select the data source whose line items you want to list. Takes the uuid or the
                data source's name.
            external_id: Enter the External ID of the line item you want to list.
            with_disabled: Select whether disabled line items are listed too.
        """
        return self._client.run(
            "line_items.list",
            {
                "limit": limit,
                "data_source": data_source,
                "external_id": external_id,
                "with_disabled": with_disabled,
            },
        )

    def get(self, line_item: str, *, data_source: str | None = None) -> Record:
        """Get a Line Item: Retrieves a line item, a disabled one too.

        Args:
            line_item (mandatory): Select the line item you want to retrieve. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run("line_items.get", {"line_item": line_item, "data_source": data_source})

    def update(
        self,
        line_item: str,
        *,
        data_source: str | None = None,
        type: str | None = None,
        amount_in_cents: int | None = None,
        subscription_external_id: str | None = None,
        subscription_set_external_id: str | None = None,
        plan: str | None = None,
        service_period_start: datetime | date | str | None = None,
        service_period_end: datetime | date | str | None = None,
        cancelled_at: datetime | date | str | None = None,
        prorated: str | None = None,
        description: str | None = None,
        quantity: int | None = None,
        discount_amount_in_cents: int | None = None,
        discount_code: str | None = None,
        tax_amount_in_cents: int | None = None,
        transaction_fees_in_cents: int | None = None,
        external_id: str | None = None,
        account_code: str | None = None,
    ) -> Record:
        """Update a Line Item: Updates a line item: the fields given replace the stored ones, and the
        customer's MRR follows.

        Args:
            line_item (mandatory): Select the line item you want to update. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            type: Select the invoice type. Allowed: Subscription, One Time.
            amount_in_cents: Enter the final amount charged for the line item for the specified quantity
                and service period, after discounts, taxes, and fees have been applied.
            subscription_external_id: Enter the unique identifier for the subscription in your system.
                Applicable only for the subscription items.
            subscription_set_external_id: Enter the unique identifier of the subscription set this
                subscription belongs to. Applicable only for the subscription items.
            plan: Enter the ChartMogul UUID of the plan for which this subscription is being charged.
                Applicable only for the subscription items. Takes the uuid or the plan's external id or
                name.
            service_period_start: Enter the start date of the service period for which this subscription
                is being charged. Applicable only for the subscription items.
            service_period_end: Enter the end date of the service period for which this subscription is
                being charged. Applicable only for the subscription items.
            cancelled_at: Enter the date and time when the subscription has been canceled, if the
                subscription has canceled.
            prorated: Select whether this item is prorated. Accepted for one-time line items. Ignored
                for subscription line items. Allowed: Yes, No, Not defined.
            description: Enter the details of the item.
            quantity: Enter the quantity of the items. The default quantity is 1.
            discount_amount_in_cents: Enter the discount applied to this line item in cents. Defaults to
                0. The discount amount does not impact the calculation of MRR.
            discount_code: Enter the discount code applicable to the item.
            tax_amount_in_cents: Enter the tax applied to this line item in cents. Defaults to 0. If
                specified, we exclude the tax amount from MRR.
            transaction_fees_in_cents: Enter the final total transaction fees paid to the billing
                provider and/or payment processor for this line item in cents (or pence for GBP, etc.).
            external_id: Enter the unique External ID specified for the line item. Typically an
                identifier from your internal system. Accepts alphanumeric characters.
            account_code: Enter the unique account code or the account number of this line item used for
                the purposes of accounting and revenue recognition. Accepts a maximum of 30 alphanumeric
                characters.
        """
        return self._client.run(
            "line_items.update",
            {
                "line_item": line_item,
                "data_source": data_source,
                "type": type,
                "amount_in_cents": amount_in_cents,
                "subscription_external_id": subscription_external_id,
                "subscription_set_external_id": subscription_set_external_id,
                "plan": plan,
                "service_period_start": service_period_start,
                "service_period_end": service_period_end,
                "cancelled_at": cancelled_at,
                "prorated": prorated,
                "description": description,
                "quantity": quantity,
                "discount_amount_in_cents": discount_amount_in_cents,
                "discount_code": discount_code,
                "tax_amount_in_cents": tax_amount_in_cents,
                "transaction_fees_in_cents": transaction_fees_in_cents,
                "external_id": external_id,
                "account_code": account_code,
            },
        )

    def disable(self, line_item: str, *, data_source: str | None = None) -> Record:
        """Disable a Line Item: Disables a line item: it is kept but counts for no MRR, and lists leave it
        out unless asked.

        Args:
            line_item (mandatory): Select the line item you want to disable. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run("line_items.disable", {"line_item": line_item, "data_source": data_source})

    def enable(self, line_item: str, *, data_source: str | None = None) -> Record:
        """Enable a Line Item: Enables a disabled line item again.

        Args:
            line_item (mandatory): Select the line item you want to enable. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run("line_items.enable", {"line_item": line_item, "data_source": data_source})

    def delete(self, line_item: str, *, data_source: str | None = None) -> None:
        """Delete a Line Item: Deletes a line item; the customer's MRR follows.

        Args:
            line_item (mandatory): Select the line item you want to delete. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        self._client.run("line_items.delete", {"line_item": line_item, "data_source": data_source})


class Transactions:
    """Transactions modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        external_id: str | None = None,
        with_disabled: bool | None = None,
    ) -> Pager[Record]:
        """List Transactions: Returns the transactions of your ChartMogul account, oldest first.

        Args:
            limit: Set the maximum number of transactions mogul should return.
            data_source: Select the data source whose transactions you want to list. Takes the uuid or
                the data source's name.
            external_id: Enter the External ID of the transaction you want to list.
            with_disabled: Select whether disabled transactions are listed too.
        """
        return self._client.run(
            "transactions.list",
            {
                "limit": limit,
                "data_source": data_source,
                "external_id": external_id,
                "with_disabled": with_disabled,
            },
        )

    def get(self, transaction: str, *, data_source: str | None = None) -> Record:
        """Get a Transaction: Retrieves a transaction, a disabled one too.

        Args:
            transaction (mandatory): Select the transaction you want to retrieve. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run("transactions.get", {"transaction": transaction, "data_source": data_source})

    def update(
        self,
        transaction: str,
        *,
        data_source: str | None = None,
        date: datetime | date | str | None = None,
        type: str | None = None,
        result: str | None = None,
        external_id: str | None = None,
        amount_in_cents: int | None = None,
    ) -> Record:
        """Update a Transaction: Updates a transaction: the fields given replace the stored ones.

        Args:
            transaction (mandatory): Select the transaction you want to update. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            date: Enter the date of the transaction was made.
            type: Select the transaction type. Allowed: Payment, Refund.
            result: Select the transaction result. Allowed: Successful, Failed.
            external_id: Enter the unique External ID of the transaction.
            amount_in_cents: The amount paid or refunded in cents; leave empty for the invoice's full
                amount.
        """
        return self._client.run(
            "transactions.update",
            {
                "transaction": transaction,
                "data_source": data_source,
                "date": date,
                "type": type,
                "result": result,
                "external_id": external_id,
                "amount_in_cents": amount_in_cents,
            },
        )

    def disable(self, transaction: str, *, data_source: str | None = None) -> Record:
        """Disable a Transaction: Disables a transaction: it is kept, but its invoice's status and lists
        leave it out (unless asked).

        Args:
            transaction (mandatory): Select the transaction you want to disable. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run(
            "transactions.disable", {"transaction": transaction, "data_source": data_source}
        )

    def enable(self, transaction: str, *, data_source: str | None = None) -> Record:
        """Enable a Transaction: Enables a disabled transaction again.

        Args:
            transaction (mandatory): Select the transaction you want to enable. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run(
            "transactions.enable", {"transaction": transaction, "data_source": data_source}
        )

    def delete(self, transaction: str, *, data_source: str | None = None) -> None:
        """Delete a Transaction: Deletes a transaction.

        Args:
            transaction (mandatory): Select the transaction you want to delete. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        self._client.run("transactions.delete", {"transaction": transaction, "data_source": data_source})


class SubscriptionEvents:
    """Subscription Events modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        customer_external_id: str | None = None,
        subscription_external_id: str | None = None,
        event_type: str | None = None,
        plan_external_id: str | None = None,
        event_date: datetime | date | str | None = None,
        effective_date: datetime | date | str | None = None,
        external_id: str | None = None,
        with_disabled: bool | None = None,
    ) -> Pager[Record]:
        """List Subscription Events: Returns the subscription events of your ChartMogul account, oldest
        first.

        Args:
            limit: Set the maximum number of subscription events mogul should return.
            data_source: Select the data source whose events you want to list. Takes the uuid or the
                data source's name.
            customer_external_id: Enter the external ID of a customer.
            subscription_external_id: Enter the external ID of a subscription.
            event_type: Select the type of the events. Allowed: Started, Start (Scheduled), Start
                (Retracted), Canceled, Cancellation (Scheduled), Cancellation (Retracted), Updated,
                Update (Scheduled), Update (Retracted), Retracted.
            plan_external_id: Enter the external ID of a plan.
            event_date: Enter the event date (a date alone means that day).
            effective_date: Enter the effective date (a date alone means that day).
            external_id: Enter the external ID of the event.
            with_disabled: Select whether disabled events are listed too.
        """
        return self._client.run(
            "subscription_events.list",
            {
                "limit": limit,
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "subscription_external_id": subscription_external_id,
                "event_type": event_type,
                "plan_external_id": plan_external_id,
                "event_date": event_date,
                "effective_date": effective_date,
                "external_id": external_id,
                "with_disabled": with_disabled,
            },
        )

    def create(
        self,
        *,
        data_source: str,
        customer_external_id: str,
        subscription_external_id: str,
        event_type: str,
        event_date: datetime | date | str,
        effective_date: datetime | date | str,
        plan_external_id: str | None = None,
        currency: str | None = None,
        amount_in_cents: int | None = None,
        quantity: int | None = None,
        tax_amount_in_cents: int | None = None,
        subscription_set_external_id: str | None = None,
        external_id: str | None = None,
        retracted_event_id: int | None = None,
        event_order: int | None = None,
    ) -> Record:
        """Create a Subscription Event: Creates a subscription event: a start, update or cancellation
        changes the subscription's MRR at its effective date; a scheduled one is a commitment that
        changes no MRR.

        Args:
            data_source (mandatory): Select the data source of the event. Takes the uuid or the data
                source's name.
            customer_external_id (mandatory): Enter the external ID of the customer (in the data source)
                the event belongs to.
            subscription_external_id (mandatory): Enter the external ID of the subscription the event
                changes.
            event_type (mandatory): Select the event type: Started, Updated and Canceled change MRR at
                the effective date; the scheduled ones are commitments; Retracted withdraws the event it
                names. Allowed: Started, Start (Scheduled), Start (Retracted), Canceled, Cancellation
                (Scheduled), Cancellation (Retracted), Updated, Update (Scheduled), Update (Retracted),
                Retracted.
            event_date (mandatory): Enter when the event was raised.
            effective_date (mandatory): Enter when the change takes effect.
            plan_external_id: Enter the external ID of the plan (required for start and update events).
            currency: The 3-letter currency code of the amount (required for start and update events).
            amount_in_cents: Enter the amount charged for one plan interval, in cents (required for
                start and update events).
            quantity: Enter the quantity of the subscription (required for start and update events).
            tax_amount_in_cents: Enter the tax included in the amount, in cents; it is left out of MRR.
            subscription_set_external_id: Enter the external ID of the subscription set the subscription
                belongs to.
            external_id: Enter the event's unique external ID in the data source.
            retracted_event_id: Enter the ID of the event a retraction withdraws (required for
                retraction events).
            event_order: Enter the order of events that take effect at the same time (lower first).
        """
        return self._client.run(
            "subscription_events.create",
            {
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "subscription_external_id": subscription_external_id,
                "event_type": event_type,
                "event_date": event_date,
                "effective_date": effective_date,
                "plan_external_id": plan_external_id,
                "currency": currency,
                "amount_in_cents": amount_in_cents,
                "quantity": quantity,
                "tax_amount_in_cents": tax_amount_in_cents,
                "subscription_set_external_id": subscription_set_external_id,
                "external_id": external_id,
                "retracted_event_id": retracted_event_id,
                "event_order": event_order,
            },
        )

    def update(
        self,
        subscription_event: str,
        *,
        data_source: str | None = None,
        customer_external_id: str | None = None,
        subscription_external_id: str | None = None,
        event_type: str | None = None,
        event_date: datetime | date | str | None = None,
        effective_date: datetime | date | str | None = None,
        plan_external_id: str | None = None,
        currency: str | None = None,
        amount_in_cents: int | None = None,
        quantity: int | None = None,
        tax_amount_in_cents: int | None = None,
        subscription_set_external_id: str | None = None,
        external_id: str | None = None,
        retracted_event_id: int | None = None,
        event_order: int | None = None,
    ) -> Record:
        """Update a Subscription Event: Updates a subscription event: the fields given replace the stored
        ones, and the customer's MRR follows.

        Args:
            subscription_event (mandatory): Select the event you want to update. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            customer_external_id: Enter the external ID of the customer (in the data source) the event
                belongs to.
            subscription_external_id: Enter the external ID of the subscription the event changes.
            event_type: Select the event type: Started, Updated and Canceled change MRR at the effective
                date; the scheduled ones are commitments; Retracted withdraws the event it names.
                Allowed: Started, Start (Scheduled), Start (Retracted), Canceled, Cancellation
                (Scheduled), Cancellation (Retracted), Updated, Update (Scheduled), Update (Retracted),
                Retracted.
            event_date: Enter when the event was raised.
            effective_date: Enter when the change takes effect.
            plan_external_id: Enter the external ID of the plan (required for start and update events).
            currency: The 3-letter currency code of the amount (required for start and update events).
            amount_in_cents: Enter the amount charged for one plan interval, in cents (required for
                start and update events).
            quantity: Enter the quantity of the subscription (required for start and update events).
            tax_amount_in_cents: Enter the tax included in the amount, in cents; it is left out of MRR.
            subscription_set_external_id: Enter the external ID of the subscription set the subscription
                belongs to.
            external_id: Enter the event's unique external ID in the data source.
            retracted_event_id: Enter the ID of the event a retraction withdraws (required for
                retraction events).
            event_order: Enter the order of events that take effect at the same time (lower first).
        """
        return self._client.run(
            "subscription_events.update",
            {
                "subscription_event": subscription_event,
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "subscription_external_id": subscription_external_id,
                "event_type": event_type,
                "event_date": event_date,
                "effective_date": effective_date,
                "plan_external_id": plan_external_id,
                "currency": currency,
                "amount_in_cents": amount_in_cents,
                "quantity": quantity,
                "tax_amount_in_cents": tax_amount_in_cents,
                "subscription_set_external_id": subscription_set_external_id,
                "external_id": external_id,
                "retracted_event_id": retracted_event_id,
                "event_order": event_order,
            },
        )

    def disable(self, subscription_event: str, *, data_source: str | None = None) -> Record:
        """Disable a Subscription Event: Disables a subscription event: it is kept, but counts for no MRR
        and lists leave it out.

        Args:
            subscription_event (mandatory): Select the event you want to disable. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run(
            "subscription_events.disable",
            {"subscription_event": subscription_event, "data_source": data_source},
        )

    def enable(self, subscription_event: str, *, data_source: str | None = None) -> Record:
        """Enable a Subscription Event: Enables a disabled subscription event again.

        Args:
            subscription_event (mandatory): Select the event you want to enable. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return self._client.run(
            "subscription_events.enable",
            {"subscription_event": subscription_event, "data_source": data_source},
        )

    def delete(self, subscription_event: str, *, data_source: str | None = None) -> None:
        """Delete a Subscription Event: Deletes a subscription event; the customer's MRR follows.

        Args:
            subscription_event (mandatory): Select the event you want to delete. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        self._client.run(
            "subscription_events.delete",
            {"subscription_event": subscription_event, "data_source": data_source},
        )


class Subscriptions:
    """Subscriptions modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(self, customer: str, *, limit: int | None = None) -> Pager[Record]:
        """List Customer's Subscriptions: Returns a list of subscription objects for a given customer.

        Args:
            customer (mandatory): Select the customer whose subscriptions you want to list. Takes the
                uuid or the customer's external id or email.
            limit: Set the maximum number of subscriptions mogul should return.
        """
        return self._client.run("subscriptions.list", {"customer": customer, "limit": limit})

    def cancel(
        self,
        subscription: str,
        *,
        cancelled_at: datetime | date | str | None = None,
        cancellation_dates: Sequence[datetime | date | str] | None = None,
    ) -> Record:
        """Cancel a Customer's Subscription: Cancels a list of subscription that was generated from an
        imported invoice.

        Args:
            subscription (mandatory): Enter the ChartMogul UUID of the subscription that needs to be
                canceled. Takes the uuid or nothing else (sub_...).
            cancelled_at: Enter the time at which the subscription was canceled.
            cancellation_dates: Add the cancellation dates (they replace the subscription's cancellation
                dates; an empty list removes them all).
        """
        return self._client.run(
            "subscriptions.cancel",
            {
                "subscription": subscription,
                "cancelled_at": cancelled_at,
                "cancellation_dates": cancellation_dates,
            },
        )

    def connect(
        self, customer: str, *, subscriptions: Sequence[str] | str, limit: int | None = None
    ) -> Pager[Record]:
        """Connect Subscriptions: Connects subscriptions of a customer (of one or several data sources)
        into one history, so moving from one to the next is a plan change rather than churn and new
        business; returns the customer's subscriptions.

        Args:
            customer (mandatory): Select the customer whose subscriptions these are. Takes the uuid or
                the customer's external id or email.
            subscriptions (mandatory): Add the subscriptions, each by its uuid (sub_...) or external ID.
            limit: Set the maximum number of subscriptions mogul should return.
        """
        return self._client.run(
            "subscriptions.connect", {"customer": customer, "subscriptions": subscriptions, "limit": limit}
        )

    def disconnect(
        self, customer: str, *, subscriptions: Sequence[str] | str, limit: int | None = None
    ) -> Pager[Record]:
        """Disconnect Subscriptions: Disconnects connected subscriptions of a customer, each its own
        history again; returns the customer's subscriptions.

        Args:
            customer (mandatory): Select the customer whose subscriptions these are. Takes the uuid or
                the customer's external id or email.
            subscriptions (mandatory): Add the subscriptions, each by its uuid (sub_...) or external ID.
            limit: Set the maximum number of subscriptions mogul should return.
        """
        return self._client.run(
            "subscriptions.disconnect", {"customer": customer, "subscriptions": subscriptions, "limit": limit}
        )


class Metrics:
    """Metrics modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def all(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve All Key Metrics: Returns all key metrics (MRR, ARR, ARPA, ASP, customers, churn rates,
        LTV) as a series of entries between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.all",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def mrr(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve MRR: Returns Monthly Recurring Revenue, with its movements (new business, expansion,
        ...) as a series of entries between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.mrr",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def arr(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve ARR: Returns Annualized Run Rate (MRR × 12) as a series of entries between two dates,
        with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.arr",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def arpa(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve ARPA: Returns Average Revenue Per Account as a series of entries between two dates,
        with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.arpa",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def asp(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve ASP: Returns Average Sale Price of new subscriptions as a series of entries between two
        dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.asp",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def customer_count(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve Customer Count: Returns the number of active customers as a series of entries between
        two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.customer_count",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def customer_churn_rate(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve Customer Churn Rate: Returns the percentage of customers lost per period as a series of
        entries between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.customer_churn_rate",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def mrr_churn_rate(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve MRR Churn Rate: Returns the net MRR churn rate per period as a series of entries
        between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.mrr_churn_rate",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    def ltv(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve LTV: Returns customer lifetime value as a series of entries between two dates, with a
        summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return self._client.run(
            "metrics.ltv",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )


class Activities:
    """Activities modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        start_date: datetime | date | str | None = None,
        end_date: datetime | date | str | None = None,
        type: str | None = None,
        order: str | None = None,
    ) -> Pager[Record]:
        """List Activities: Returns the MRR activities (new business, expansion, contraction, churn,
        reactivation) of the account.

        Args:
            limit: Set the maximum number of activities mogul should return.
            start_date: Enter the earliest date of the activities.
            end_date: Enter the latest date of the activities (a date without a time means the whole
                day).
            type: Select the kind of MRR movement to list. Allowed: New Business, Expansion,
                Contraction, Churn, Reactivation, Exchange Rate Impact.
            order: Select the order of the activities (oldest first by default). Allowed: Oldest first,
                Newest first.
        """
        return self._client.run(
            "activities.list",
            {"limit": limit, "start_date": start_date, "end_date": end_date, "type": type, "order": order},
        )

    def customer(self, customer: str, *, limit: int | None = None) -> Pager[Record]:
        """List a Customer's Activities: Returns the MRR activities of one customer, oldest first.

        Args:
            customer (mandatory): Select the customer whose activities you want to list. Takes the uuid
                or the customer's external id or email.
            limit: Set the maximum number of activities mogul should return.
        """
        return self._client.run("activities.customer", {"customer": customer, "limit": limit})

    def export(
        self,
        *,
        start_date: datetime | date | str | None = None,
        end_date: datetime | date | str | None = None,
        type: str | None = None,
        wait: bool | None = None,
    ) -> Record:
        """Export Activities: Exports the account's activities, filtered as List Activities filters them,
        to a zipped CSV file and returns the export with the file's URL.

        Args:
            start_date: Enter the earliest date of the activities.
            end_date: Enter the latest date of the activities (a date without a time means the whole
                day).
            type: Select the kind of MRR movement to list. Allowed: New Business, Expansion,
                Contraction, Churn, Reactivation, Exchange Rate Impact.
            wait: Select whether to wait until the file is ready (yes by default).
        """
        return self._client.run(
            "activities.export", {"start_date": start_date, "end_date": end_date, "type": type, "wait": wait}
        )

    def get_export(self, id: str) -> Record:
        """Get an Activities Export: Returns an activities export: its status, and the file's URL once it
        has succeeded.

        Args:
            id (mandatory): Enter the ID of the export.
        """
        return self._client.run("activities.get_export", {"id": id})


class Contacts:
    """Contact modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        data_source: str | None = None,
        email: str | None = None,
        external_id: str | None = None,
    ) -> Pager[Record]:
        """List Contacts: Returns the contacts in your ChartMogul account: of a customer, a data source, an
        email or an external id.

        Args:
            limit: Set the maximum number of contacts mogul should return.
            customer: Select the customer whose contacts you want to list. Takes the uuid or the
                customer's external id or email.
            data_source: Select the data source whose contacts you want to list. Takes the uuid or the
                data source's name.
            email: Enter the email address of the contacts you want to list.
            external_id: Enter the external ID of the contacts you want to list.
        """
        return self._client.run(
            "contacts.list",
            {
                "limit": limit,
                "customer": customer,
                "data_source": data_source,
                "email": email,
                "external_id": external_id,
            },
        )

    def customer(self, customer: str, *, limit: int | None = None) -> Pager[Record]:
        """List a Customer's Contacts: Returns the contacts of one customer.

        Args:
            customer (mandatory): Select the customer whose contacts you want to list. Takes the uuid or
                the customer's external id or email.
            limit: Set the maximum number of contacts mogul should return.
        """
        return self._client.run("contacts.customer", {"customer": customer, "limit": limit})

    def get(self, contact: str) -> Record:
        """Get a Contact: Retrieves a contact object from your ChartMogul account.

        Args:
            contact (mandatory): Enter the UUID of the contact you want to retrieve (con_...).
        """
        return self._client.run("contacts.get", {"contact": contact})

    def create(
        self,
        *,
        customer: str,
        data_source: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        title: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        linked_in: str | None = None,
        twitter: str | None = None,
        notes: str | None = None,
        position: int | None = None,
        external_id: str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Create a Contact: Creates a contact of a customer in ChartMogul, associated with one of its data
        sources.

        Args:
            customer (mandatory): Select the customer the contact belongs to. Takes the uuid or the
                customer's external id or email.
            data_source: Select the data source of the customer the contact is associated with (the
                customer's by default). Takes the uuid or the data source's name.
            first_name: Enter the first name of the contact.
            last_name: Enter the last name of the contact.
            title: Enter the job title of the contact.
            email: Enter the email address of the contact.
            phone: Enter the phone number of the contact.
            linked_in: Enter the LinkedIn profile URL of the contact.
            twitter: Enter the Twitter URL of the contact.
            notes: Enter notes about the contact.
            position: Enter the position of the contact in the customer's profile (after the last one by
                default).
            external_id: Enter the identifier of the contact in your own system.
            custom: Add custom attributes of the contact: Key (Enter the name of the custom attribute),
                Value (Enter its value). Added to the ones it has.
        """
        return self._client.run(
            "contacts.create",
            {
                "customer": customer,
                "data_source": data_source,
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": email,
                "phone": phone,
                "linked_in": linked_in,
                "twitter": twitter,
                "notes": notes,
                "position": position,
                "external_id": external_id,
                "custom": custom,
            },
        )

    def add(
        self,
        customer: str,
        *,
        data_source: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        title: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        linked_in: str | None = None,
        twitter: str | None = None,
        notes: str | None = None,
        position: int | None = None,
        external_id: str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Add a Contact to a Customer: Creates a contact under the customer's own path (POST
        /customers/{uuid}/contacts).

        Args:
            customer (mandatory): Select the customer the contact belongs to. Takes the uuid or the
                customer's external id or email.
            data_source: Select the data source of the customer the contact is associated with (the
                customer's by default). Takes the uuid or the data source's name.
            first_name: Enter the first name of the contact.
            last_name: Enter the last name of the contact.
            title: Enter the job title of the contact.
            email: Enter the email address of the contact.
            phone: Enter the phone number of the contact.
            linked_in: Enter the LinkedIn profile URL of the contact.
            twitter: Enter the Twitter URL of the contact.
            notes: Enter notes about the contact.
            position: Enter the position of the contact in the customer's profile (after the last one by
                default).
            external_id: Enter the identifier of the contact in your own system.
            custom: Add custom attributes of the contact: Key (Enter the name of the custom attribute),
                Value (Enter its value). Added to the ones it has.
        """
        return self._client.run(
            "contacts.add",
            {
                "customer": customer,
                "data_source": data_source,
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": email,
                "phone": phone,
                "linked_in": linked_in,
                "twitter": twitter,
                "notes": notes,
                "position": position,
                "external_id": external_id,
                "custom": custom,
            },
        )

    def update(
        self,
        contact: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        title: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        linked_in: str | None = None,
        twitter: str | None = None,
        notes: str | None = None,
        position: int | None = None,
        external_id: str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Update a Contact: Updates the fields given of a contact; custom attributes are added to the ones
        it has.

        Args:
            contact (mandatory): Enter the UUID of the contact you want to update (con_...).
            first_name: Enter the first name of the contact.
            last_name: Enter the last name of the contact.
            title: Enter the job title of the contact.
            email: Enter the email address of the contact.
            phone: Enter the phone number of the contact.
            linked_in: Enter the LinkedIn profile URL of the contact.
            twitter: Enter the Twitter URL of the contact.
            notes: Enter notes about the contact.
            position: Enter the position of the contact in the customer's profile (after the last one by
                default).
            external_id: Enter the identifier of the contact in your own system.
            custom: Add custom attributes of the contact: Key (Enter the name of the custom attribute),
                Value (Enter its value). Added to the ones it has.
        """
        return self._client.run(
            "contacts.update",
            {
                "contact": contact,
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": email,
                "phone": phone,
                "linked_in": linked_in,
                "twitter": twitter,
                "notes": notes,
                "position": position,
                "external_id": external_id,
                "custom": custom,
            },
        )

    def delete(self, contact: str) -> None:
        """Delete a Contact: Deletes the specified contact.

        Args:
            contact (mandatory): Enter the UUID of the contact you want to delete (con_...).
        """
        self._client.run("contacts.delete", {"contact": contact})

    def merge(self, into_contact: str, *, from_contact: str) -> Record:
        """Merge Contacts: Merges one contact into another: the kept contact takes the fields it lacks, the
        other is deleted.

        Args:
            into_contact (mandatory): Enter the UUID of the contact to keep (con_...).
            from_contact (mandatory): Enter the UUID of the contact to merge into it, which is then
                deleted (con_...).
        """
        return self._client.run(
            "contacts.merge", {"into_contact": into_contact, "from_contact": from_contact}
        )


class CustomerNotes:
    """Customer Note modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        type: str | None = None,
        author_email: str | None = None,
    ) -> Pager[Record]:
        """List Customer Notes: Returns the notes and call logs in your ChartMogul account: of a customer,
        a type or an author.

        Args:
            limit: Set the maximum number of notes mogul should return.
            customer: Select the customer whose notes you want to list. Takes the uuid or the customer's
                external id or email.
            type: Select the type of the notes you want to list. Allowed: Note, Call Log.
            author_email: Enter the email of the author of the notes you want to list.
        """
        return self._client.run(
            "customer_notes.list",
            {"limit": limit, "customer": customer, "type": type, "author_email": author_email},
        )

    def get(self, note: str) -> Record:
        """Get a Customer Note: Retrieves a note or call log from your ChartMogul account.

        Args:
            note (mandatory): Enter the UUID of the note you want to retrieve (note_...).
        """
        return self._client.run("customer_notes.get", {"note": note})

    def create(
        self,
        *,
        customer: str,
        type: str,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Customer Note: Adds a note or a call log to a customer.

        Args:
            customer (mandatory): Select the customer the note or call log is about. Takes the uuid or
                the customer's external id or email.
            type (mandatory): Select whether it is a note or a call log. Allowed: Note, Call Log.
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
        """
        return self._client.run(
            "customer_notes.create",
            {
                "customer": customer,
                "type": type,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
            },
        )

    def update(
        self,
        note: str,
        *,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
        updated_at: datetime | date | str | None = None,
    ) -> Record:
        """Update a Customer Note: Updates the content, author, call duration or times of a note or call
        log.

        Args:
            note (mandatory): Enter the UUID of the note you want to update (note_...).
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
            updated_at: Enter when it was last changed (now by default).
        """
        return self._client.run(
            "customer_notes.update",
            {
                "note": note,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
                "updated_at": updated_at,
            },
        )

    def delete(self, note: str) -> None:
        """Delete a Customer Note: Deletes the specified note or call log.

        Args:
            note (mandatory): Enter the UUID of the note you want to delete (note_...).
        """
        self._client.run("customer_notes.delete", {"note": note})


class Notes:
    """Note modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        contact: str | None = None,
        type: str | None = None,
        author_email: str | None = None,
    ) -> Pager[Record]:
        """List Notes: Returns the notes and call logs in your ChartMogul account: of a customer or a
        contact, a type or an author.

        Args:
            limit: Set the maximum number of notes mogul should return.
            customer: Select the customer whose notes you want to list. Takes the uuid or the customer's
                external id or email.
            contact: Enter the UUID of the contact whose notes you want to list.
            type: Select the type of the notes you want to list. Allowed: Note, Call Log.
            author_email: Enter the email of the author of the notes you want to list.
        """
        return self._client.run(
            "notes.list",
            {
                "limit": limit,
                "customer": customer,
                "contact": contact,
                "type": type,
                "author_email": author_email,
            },
        )

    def get(self, note: str) -> Record:
        """Get a Note: Retrieves a note or call log from your ChartMogul account.

        Args:
            note (mandatory): Enter the UUID of the note you want to retrieve (note_...).
        """
        return self._client.run("notes.get", {"note": note})

    def create(
        self,
        *,
        customer: str,
        type: str,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Note: Adds a note or a call log to a customer.

        Args:
            customer (mandatory): Select the customer the note or call log is about. Takes the uuid or
                the customer's external id or email.
            type (mandatory): Select whether it is a note or a call log. Allowed: Note, Call Log.
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
        """
        return self._client.run(
            "notes.create",
            {
                "customer": customer,
                "type": type,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
            },
        )

    def create_for_contact(
        self,
        *,
        contact: str,
        type: str,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Contact Note: Adds a note or a call log to a contact.

        Args:
            contact (mandatory): Enter the UUID of the contact the note or call log is about (con_...).
            type (mandatory): Select whether it is a note or a call log. Allowed: Note, Call Log.
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
        """
        return self._client.run(
            "notes.create_for_contact",
            {
                "contact": contact,
                "type": type,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
            },
        )

    def update(
        self,
        note: str,
        *,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
        updated_at: datetime | date | str | None = None,
    ) -> Record:
        """Update a Note: Updates the content, author, call duration or times of a note or call log.

        Args:
            note (mandatory): Enter the UUID of the note you want to update (note_...).
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
            updated_at: Enter when it was last changed (now by default).
        """
        return self._client.run(
            "notes.update",
            {
                "note": note,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
                "updated_at": updated_at,
            },
        )

    def delete(self, note: str) -> None:
        """Delete a Note: Deletes the specified note or call log.

        Args:
            note (mandatory): Enter the UUID of the note you want to delete (note_...).
        """
        self._client.run("notes.delete", {"note": note})


class Opportunities:
    """Opportunity modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        owner: str | None = None,
        pipeline: str | None = None,
        pipeline_stage: str | None = None,
        estimated_close_date_on_or_after: datetime | date | str | None = None,
        estimated_close_date_on_or_before: datetime | date | str | None = None,
    ) -> Pager[Record]:
        """List Opportunities: Returns the opportunities in your ChartMogul account: of a customer, an
        owner, a pipeline or stage, or closing between two dates.

        Args:
            limit: Set the maximum number of opportunities mogul should return.
            customer: Select the customer whose opportunities you want to list. Takes the uuid or the
                customer's external id or email.
            owner: Enter the email of the owner of the opportunities you want to list.
            pipeline: Enter the pipeline of the opportunities you want to list.
            pipeline_stage: Enter the stage of the opportunities you want to list.
            estimated_close_date_on_or_after: Enter the earliest estimated close date of the
                opportunities.
            estimated_close_date_on_or_before: Enter the latest estimated close date of the
                opportunities.
        """
        return self._client.run(
            "opportunities.list",
            {
                "limit": limit,
                "customer": customer,
                "owner": owner,
                "pipeline": pipeline,
                "pipeline_stage": pipeline_stage,
                "estimated_close_date_on_or_after": estimated_close_date_on_or_after,
                "estimated_close_date_on_or_before": estimated_close_date_on_or_before,
            },
        )

    def get(self, opportunity: str) -> Record:
        """Get an Opportunity: Retrieves an opportunity object from your ChartMogul account.

        Args:
            opportunity (mandatory): Enter the UUID of the opportunity you want to retrieve.
        """
        return self._client.run("opportunities.get", {"opportunity": opportunity})

    def create(
        self,
        *,
        customer: str,
        owner: str,
        pipeline: str,
        pipeline_stage: str,
        estimated_close_date: datetime | date | str,
        amount_in_cents: int,
        currency: str,
        type: str | None = None,
        forecast_category: str | None = None,
        win_likelihood: int | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Create an Opportunity: Creates a sales opportunity for a customer.

        Args:
            customer (mandatory): Select the customer the opportunity is for. Takes the uuid or the
                customer's external id or email.
            owner (mandatory): Enter the email of the salesperson responsible for the opportunity.
            pipeline (mandatory): Enter the name of the sales pipeline.
            pipeline_stage (mandatory): Enter the name of the current stage of the deal in the pipeline.
            estimated_close_date (mandatory): Enter the date the opportunity is expected to close.
            amount_in_cents (mandatory): Enter the expected value of the opportunity in cents.
            currency (mandatory): Enter the 3-letter currency code of the amount.
            type: Select the type of the opportunity (recurring by default). Allowed: Recurring, One-
                time.
            forecast_category: Select the opportunity's grouping by its likelihood of closing (the
                stage's by default). Allowed: Pipeline, Best Case, Committed, Omitted, Closed Won,
                Closed Lost.
            win_likelihood: Enter the likelihood in percent (0 to 100) that it closes (the stage's by
                default).
            custom: Add custom attributes of the opportunity: Key (Enter the name of the custom
                attribute), Value (Enter its value). Added to the ones it has.
        """
        return self._client.run(
            "opportunities.create",
            {
                "customer": customer,
                "owner": owner,
                "pipeline": pipeline,
                "pipeline_stage": pipeline_stage,
                "estimated_close_date": estimated_close_date,
                "amount_in_cents": amount_in_cents,
                "currency": currency,
                "type": type,
                "forecast_category": forecast_category,
                "win_likelihood": win_likelihood,
                "custom": custom,
            },
        )

    def update(
        self,
        opportunity: str,
        *,
        owner: str | None = None,
        pipeline: str | None = None,
        pipeline_stage: str | None = None,
        estimated_close_date: datetime | date | str | None = None,
        amount_in_cents: int | None = None,
        currency: str | None = None,
        type: str | None = None,
        forecast_category: str | None = None,
        win_likelihood: int | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Update an Opportunity: Updates the fields given of an opportunity; custom attributes are added
        to the ones it has.

        Args:
            opportunity (mandatory): Enter the UUID of the opportunity you want to update.
            owner: Enter the email of the salesperson responsible for the opportunity.
            pipeline: Enter the name of the sales pipeline.
            pipeline_stage: Enter the name of the current stage of the deal in the pipeline.
            estimated_close_date: Enter the date the opportunity is expected to close.
            amount_in_cents: Enter the expected value of the opportunity in cents.
            currency: Enter the 3-letter currency code of the amount.
            type: Select the type of the opportunity (recurring by default). Allowed: Recurring, One-
                time.
            forecast_category: Select the opportunity's grouping by its likelihood of closing (the
                stage's by default). Allowed: Pipeline, Best Case, Committed, Omitted, Closed Won,
                Closed Lost.
            win_likelihood: Enter the likelihood in percent (0 to 100) that it closes (the stage's by
                default).
            custom: Add custom attributes of the opportunity: Key (Enter the name of the custom
                attribute), Value (Enter its value). Added to the ones it has.
        """
        return self._client.run(
            "opportunities.update",
            {
                "opportunity": opportunity,
                "owner": owner,
                "pipeline": pipeline,
                "pipeline_stage": pipeline_stage,
                "estimated_close_date": estimated_close_date,
                "amount_in_cents": amount_in_cents,
                "currency": currency,
                "type": type,
                "forecast_category": forecast_category,
                "win_likelihood": win_likelihood,
                "custom": custom,
            },
        )

    def delete(self, opportunity: str) -> None:
        """Delete an Opportunity: Deletes the specified opportunity.

        Args:
            opportunity (mandatory): Enter the UUID of the opportunity you want to delete.
        """
        self._client.run("opportunities.delete", {"opportunity": opportunity})


class Tasks:
    """Task modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        contact: str | None = None,
        assignee: str | None = None,
        due_date_on_or_after: datetime | date | str | None = None,
        due_date_on_or_before: datetime | date | str | None = None,
        completed: bool | None = None,
    ) -> Pager[Record]:
        """List Tasks: Returns the tasks in your ChartMogul account: of a customer, a contact or an
        assignee, due between two dates, completed or open.

        Args:
            limit: Set the maximum number of tasks mogul should return.
            customer: Select the customer whose tasks you want to list. Takes the uuid or the customer's
                external id or email.
            contact: Enter the UUID of the contact whose tasks you want to list.
            assignee: Enter the email of the assignee of the tasks you want to list.
            due_date_on_or_after: Enter the earliest due date of the tasks.
            due_date_on_or_before: Enter the latest due date of the tasks (a date without a time means
                the whole day).
            completed: Select whether to list completed tasks or open ones.
        """
        return self._client.run(
            "tasks.list",
            {
                "limit": limit,
                "customer": customer,
                "contact": contact,
                "assignee": assignee,
                "due_date_on_or_after": due_date_on_or_after,
                "due_date_on_or_before": due_date_on_or_before,
                "completed": completed,
            },
        )

    def get(self, task: str) -> Record:
        """Get a Task: Retrieves a task object from your ChartMogul account.

        Args:
            task (mandatory): Enter the UUID of the task you want to retrieve.
        """
        return self._client.run("tasks.get", {"task": task})

    def create(
        self,
        *,
        customer: str,
        task_details: str,
        assignee: str,
        due_date: datetime | date | str,
        completed_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Task: Creates a task about a customer, assigned to a ChartMogul user.

        Args:
            customer (mandatory): Select the customer the task is about. Takes the uuid or the
                customer's external id or email.
            task_details (mandatory): Enter what is to be done (up to 255 characters).
            assignee (mandatory): Enter the email of the ChartMogul user the task is assigned to.
            due_date (mandatory): Enter the date and time the task is due.
            completed_at: Enter when the task was completed.
        """
        return self._client.run(
            "tasks.create",
            {
                "customer": customer,
                "task_details": task_details,
                "assignee": assignee,
                "due_date": due_date,
                "completed_at": completed_at,
            },
        )

    def create_for_contact(
        self,
        *,
        contact: str,
        task_details: str,
        assignee: str,
        due_date: datetime | date | str,
        completed_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Contact Task: Creates a task about a contact, assigned to a ChartMogul user.

        Args:
            contact (mandatory): Enter the UUID of the contact the task is about (con_...).
            task_details (mandatory): Enter what is to be done (up to 255 characters).
            assignee (mandatory): Enter the email of the ChartMogul user the task is assigned to.
            due_date (mandatory): Enter the date and time the task is due.
            completed_at: Enter when the task was completed.
        """
        return self._client.run(
            "tasks.create_for_contact",
            {
                "contact": contact,
                "task_details": task_details,
                "assignee": assignee,
                "due_date": due_date,
                "completed_at": completed_at,
            },
        )

    def update(
        self,
        task: str,
        *,
        task_details: str | None = None,
        assignee: str | None = None,
        due_date: datetime | date | str | None = None,
        completed_at: datetime | date | str | None = None,
    ) -> Record:
        """Update a Task: Updates the details, assignee, due date or completion of a task.

        Args:
            task (mandatory): Enter the UUID of the task you want to update.
            task_details: Enter what is to be done (up to 255 characters).
            assignee: Enter the email of the ChartMogul user the task is assigned to.
            due_date: Enter the date and time the task is due.
            completed_at: Enter when the task was completed.
        """
        return self._client.run(
            "tasks.update",
            {
                "task": task,
                "task_details": task_details,
                "assignee": assignee,
                "due_date": due_date,
                "completed_at": completed_at,
            },
        )

    def delete(self, task: str) -> None:
        """Delete a Task: Deletes the specified task.

        Args:
            task (mandatory): Enter the UUID of the task you want to delete.
        """
        self._client.run("tasks.delete", {"task": task})


class Api:
    """Other modules."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def call(
        self,
        url: str,
        *,
        method: str | None = None,
        headers: Mapping[str, str] | str | None = None,
        query: Mapping[str, str] | str | None = None,
        body: Any = None,
    ) -> Record:
        """Make an API Call: Performs an arbitrary authorized API call.

        Args:
            url (mandatory): Enter a path relative to the base URL (https://api.chartmogul.com/). For
                example: /v1/customers. A path without /v1 gets it.
            method: Select the HTTP method you want to use: GET to retrieve information for an entry,
                POST to create a new entry, PUT to update/replace an existing entry, PATCH to make a
                partial entry update, DELETE to delete an entry. Allowed: GET, POST, PUT, PATCH, DELETE.
            headers: Enter the desired request headers. You don't have to add authorization headers; we
                already did that for you.
            query: Enter the request query string.
            body: Enter the body content for your API call.
        """
        return self._client.run(
            "api.call", {"url": url, "method": method, "headers": headers, "query": query, "body": body}
        )


class SyncResources:
    """The resource groups a client carries."""

    customers: Customers
    plans: Plans
    plan_groups: PlanGroups
    data_sources: DataSources
    invoices: Invoices
    line_items: LineItems
    transactions: Transactions
    subscription_events: SubscriptionEvents
    subscriptions: Subscriptions
    metrics: Metrics
    activities: Activities
    contacts: Contacts
    customer_notes: CustomerNotes
    notes: Notes
    opportunities: Opportunities
    tasks: Tasks
    api: Api

    def _attach_resources(self) -> None:
        client = cast(_Runs, self)
        self.customers = Customers(client)
        self.plans = Plans(client)
        self.plan_groups = PlanGroups(client)
        self.data_sources = DataSources(client)
        self.invoices = Invoices(client)
        self.line_items = LineItems(client)
        self.transactions = Transactions(client)
        self.subscription_events = SubscriptionEvents(client)
        self.subscriptions = Subscriptions(client)
        self.metrics = Metrics(client)
        self.activities = Activities(client)
        self.contacts = Contacts(client)
        self.customer_notes = CustomerNotes(client)
        self.notes = Notes(client)
        self.opportunities = Opportunities(client)
        self.tasks = Tasks(client)
        self.api = Api(client)


class AsyncCustomers:
    """Customer modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        external_id: str | None = None,
        status: str | None = None,
        system: str | None = None,
    ) -> AsyncPager[Record]:
        """List Customers: Returns a list of customer objects in your ChartMogul account.

        Args:
            limit: Set the maximum number of customers mogul should return.
            data_source: Select the data source whose related customers you want to list. Takes the uuid
                or the data source's name.
            external_id: Enter the unique external identifier of the customers you want to list.
            status: Select the status of the customers whom you want to list. Allowed: Lead, New Lead,
                Working Lead, Qualified Lead, Unqualified Lead, Active, Past Due, Canceled.
            system: Select the billing system of the customers you want to list. Allowed: Stripe,
                Recurly, Chargify, Custom.
        """
        return self._client.run(
            "customers.list",
            {
                "limit": limit,
                "data_source": data_source,
                "external_id": external_id,
                "status": status,
                "system": system,
            },
        )

    async def get(self, customer: str) -> Record:
        """Get a Customer: Retrieves a customer object from your ChartMogul account.

        Args:
            customer (mandatory): Select the customer whose details you want to retrieve. Takes the uuid
                or the customer's external id or email.
        """
        return await self._client.run("customers.get", {"customer": customer})

    async def create(
        self,
        *,
        data_source: str,
        external_id: str,
        name: str | None = None,
        email: str | None = None,
        company: str | None = None,
        country: str | None = None,
        state: str | None = None,
        city: str | None = None,
        zip: str | None = None,
        lead_created_at: datetime | date | str | None = None,
        free_trial_started_at: datetime | date | str | None = None,
        tags: Sequence[str] | str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Create a Customer: Creates a customer object in ChartMogul under the specified data source.

        Args:
            data_source (mandatory): Select the data source from where the customer comes from. Takes
                the uuid or the data source's name.
            external_id (mandatory): Enter the unique ID specified for the customer.
            name: Enter the name of the customer.
            email: Enter the email address of the customer.
            company: Enter the company name to which the customer belongs to.
            country: Enter the customer's or customer company's country location.
            state: Enter the state code of the customer or customer's company.
            city: Enter the city name of the customer or customer's company.
            zip: Enter the area zip code of the customer or customer's company.
            lead_created_at: Enter the date and time when the customer is established as a lead.
            free_trial_started_at: Enter the date and time when the customer's free trial period
                started.
            tags: Enter the tags related to the customer.
            custom: Add the custom attributes: Type (Select the data type), Key (Enter the name of the
                custom attribute), Value (Enter the value of the custom attribute).
        """
        return await self._client.run(
            "customers.create",
            {
                "data_source": data_source,
                "external_id": external_id,
                "name": name,
                "email": email,
                "company": company,
                "country": country,
                "state": state,
                "city": city,
                "zip": zip,
                "lead_created_at": lead_created_at,
                "free_trial_started_at": free_trial_started_at,
                "tags": tags,
                "custom": custom,
            },
        )

    async def update(
        self,
        customer: str,
        *,
        data_source: str | None = None,
        external_id: str | None = None,
        name: str | None = None,
        email: str | None = None,
        company: str | None = None,
        country: str | None = None,
        state: str | None = None,
        city: str | None = None,
        zip: str | None = None,
        lead_created_at: datetime | date | str | None = None,
        free_trial_started_at: datetime | date | str | None = None,
        tags: Sequence[str] | str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Update a Customer: Updates certain modifiable attributes of a customer object in your ChartMogul
        account.

        Args:
            customer (mandatory): Select the customer whose details you want to update. Takes the uuid
                or the customer's external id or email.
            data_source: Select the data source from where the customer comes from. Takes the uuid or
                the data source's name.
            external_id: Enter the unique ID specified for the customer.
            name: Enter the name of the customer.
            email: Enter the email address of the customer.
            company: Enter the company name to which the customer belongs to.
            country: Enter the customer's or customer company's country location.
            state: Enter the state code of the customer or customer's company.
            city: Enter the city name of the customer or customer's company.
            zip: Enter the area zip code of the customer or customer's company.
            lead_created_at: Enter the date and time when the customer is established as a lead.
            free_trial_started_at: Enter the date and time when the customer's free trial period
                started.
            tags: Enter the tags related to the customer.
            custom: Add the custom attributes: Type (Select the data type), Key (Enter the name of the
                custom attribute), Value (Enter the value of the custom attribute).
        """
        return await self._client.run(
            "customers.update",
            {
                "customer": customer,
                "data_source": data_source,
                "external_id": external_id,
                "name": name,
                "email": email,
                "company": company,
                "country": country,
                "state": state,
                "city": city,
                "zip": zip,
                "lead_created_at": lead_created_at,
                "free_trial_started_at": free_trial_started_at,
                "tags": tags,
                "custom": custom,
            },
        )

    async def delete(self, customer: str) -> None:
        """Delete a Customer: Deletes the specified customer object and all its associated data.

        Args:
            customer (mandatory): Select the customer you want to delete. Takes the uuid or the
                customer's external id or email.
        """
        await self._client.run("customers.delete", {"customer": customer})

    def search(self, email: str, *, limit: int | None = None) -> AsyncPager[Record]:
        """Search Customers by Email: Returns the customers with the given email address.

        Args:
            email (mandatory): Enter the email address of the customers you want to find.
            limit: Set the maximum number of customers mogul should return.
        """
        return self._client.run("customers.search", {"email": email, "limit": limit})

    async def merge(self, into_customer: str, *, from_customer: str) -> Record:
        """Merge Customers: Merges one customer into another: its invoices, subscriptions, contacts, notes,
        opportunities and tasks move to the customer kept, which lists its external id too; returns that
        customer.

        Args:
            from_customer (mandatory): Select the customer to merge from: its data moves to the other,
                and it is deleted. Takes the uuid or the customer's external id or email.
            into_customer (mandatory): Select the customer to merge into, which is kept. Takes the uuid
                or the customer's external id or email.
        """
        return await self._client.run(
            "customers.merge", {"from_customer": from_customer, "into_customer": into_customer}
        )

    async def unmerge(
        self,
        customer: str,
        *,
        data_source: str,
        external_id: str,
        move_to_new_customer: Sequence[str] | str | None = None,
    ) -> Record:
        """Unmerge a Customer: Splits a customer merged earlier back out of the merged one, into a new
        customer with its own invoices and subscriptions; returns the new customer.

        Args:
            customer (mandatory): Select the merged customer to unmerge a customer from. Takes the uuid
                or the customer's external id or email.
            data_source (mandatory): Select the data source of the customer to unmerge into its own
                record. Takes the uuid or the data source's name.
            external_id (mandatory): Enter the external ID of the customer to unmerge into its own
                record.
            move_to_new_customer: Select what moves to the unmerged customer (else it stays with the
                merged one): tasks, opportunities, notes.
        """
        return await self._client.run(
            "customers.unmerge",
            {
                "customer": customer,
                "data_source": data_source,
                "external_id": external_id,
                "move_to_new_customer": move_to_new_customer,
            },
        )


class AsyncPlans:
    """Plan modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        system: str | None = None,
        external_id: str | None = None,
    ) -> AsyncPager[Record]:
        """List Plans: Returns a list of plan objects in your ChartMogul account.

        Args:
            limit: Set the maximum number of plans mogul should return.
            data_source: Select the data source whose plans you want to list. Takes the uuid or the data
                source's name.
            system: Select the billing system of the plans you want to list. Allowed: Stripe, Recurly,
                Chargify, Custom.
            external_id: Enter the external ID of the plan you want to list.
        """
        return self._client.run(
            "plans.list",
            {"limit": limit, "data_source": data_source, "system": system, "external_id": external_id},
        )

    async def get(self, plan: str) -> Record:
        """Get a Plan: Retrieves a plan object from your ChartMogul account.

        Args:
            plan (mandatory): Select the plan whose details you want to retrieve. Takes the uuid or the
                plan's external id or name.
        """
        return await self._client.run("plans.get", {"plan": plan})

    async def create(
        self,
        *,
        data_source: str,
        name: str,
        interval_count: int,
        interval_unit: str,
        external_id: str | None = None,
    ) -> Record:
        """Create a Plan: Creates a plan object in ChartMogul under the specified source.

        Args:
            data_source (mandatory): Select the Data Source ID for which you want to create the
                subscription plan. Takes the uuid or the data source's name.
            name (mandatory): Enter a name for the plan. Accepts alphanumeric characters.
            interval_count (mandatory): Enter the frequency of the billing for the plan. For example, 6
                for a half-yearly plan.
            interval_unit (mandatory): Select the unit for billing interval. For example, month for the
                above half-yearly plan. Allowed: Day, Month, Year.
            external_id: Enter the unique External ID for the plan. It should be an identifier from your
                internal system. Accepts alphanumeric characters.
        """
        return await self._client.run(
            "plans.create",
            {
                "data_source": data_source,
                "name": name,
                "interval_count": interval_count,
                "interval_unit": interval_unit,
                "external_id": external_id,
            },
        )

    async def update(
        self,
        plan: str,
        *,
        data_source: str | None = None,
        name: str | None = None,
        interval_count: int | None = None,
        interval_unit: str | None = None,
        external_id: str | None = None,
    ) -> Record:
        """Update a Plan: Updates a plan object in your ChartMogul account.

        Args:
            plan (mandatory): Select the plan whose details you want to update. Takes the uuid or the
                plan's external id or name.
            data_source: Select the Data Source ID the plan belongs to. Takes the uuid or the data
                source's name.
            name: Enter a name for the plan. Accepts alphanumeric characters.
            interval_count: Enter the frequency of the billing for the plan. For example, 6 for a half-
                yearly plan.
            interval_unit: Select the unit for billing interval. For example, month for the above half-
                yearly plan. Allowed: Day, Month, Year.
            external_id: Enter the unique External ID for the plan. It should be an identifier from your
                internal system. Accepts alphanumeric characters.
        """
        return await self._client.run(
            "plans.update",
            {
                "plan": plan,
                "data_source": data_source,
                "name": name,
                "interval_count": interval_count,
                "interval_unit": interval_unit,
                "external_id": external_id,
            },
        )

    async def delete(self, plan: str) -> None:
        """Delete a Plan: Deletes the specified plan object in your ChartMogul account.

        Args:
            plan (mandatory): Select the plan you want to delete. Takes the uuid or the plan's external
                id or name.
        """
        await self._client.run("plans.delete", {"plan": plan})


class AsyncPlanGroups:
    """Plan Group modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(self, *, limit: int | None = None) -> AsyncPager[Record]:
        """List Plan Groups: Returns a list of plan group objects in your ChartMogul account.

        Args:
            limit: Set the maximum number of plan groups mogul should return.
        """
        return self._client.run("plan_groups.list", {"limit": limit})

    def list_plans(self, plan_group: str, *, limit: int | None = None) -> AsyncPager[Record]:
        """List Plans in a Plan Group: Returns the plans of a plan group.

        Args:
            plan_group (mandatory): Select the plan group whose plans you want to list. Takes the uuid
                or the plan group's name.
            limit: Set the maximum number of plans mogul should return.
        """
        return self._client.run("plan_groups.list_plans", {"plan_group": plan_group, "limit": limit})

    async def get(self, plan_group: str) -> Record:
        """Get a Plan Group: Retrieves a plan group object from your ChartMogul account.

        Args:
            plan_group (mandatory): Select the plan group whose details you want to retrieve. Takes the
                uuid or the plan group's name.
        """
        return await self._client.run("plan_groups.get", {"plan_group": plan_group})

    async def create(self, *, name: str, plans: Sequence[str] | str) -> Record:
        """Create a Plan Group: Creates a plan group object in ChartMogul.

        Args:
            name (mandatory): Enter a name for the plan group.
            plans (mandatory): Add the plans for the plan group. Takes the uuid or the plan's external
                id or name.
        """
        return await self._client.run("plan_groups.create", {"name": name, "plans": plans})

    async def update(
        self, plan_group: str, *, name: str | None = None, plans: Sequence[str] | str | None = None
    ) -> Record:
        """Update a Plan Group: Updates a plan group object in your ChartMogul account.

        Args:
            plan_group (mandatory): Select the plan group whose details you want to update. Takes the
                uuid or the plan group's name.
            name: Enter a name for the plan group.
            plans: Add the plans for the plan group (they replace its plans). Takes the uuid or the
                plan's external id or name.
        """
        return await self._client.run(
            "plan_groups.update", {"plan_group": plan_group, "name": name, "plans": plans}
        )

    async def delete(self, plan_group: str) -> None:
        """Deletes a Plan Group: Deletes the specified plan group object from your ChartMogul account.

        Args:
            plan_group (mandatory): Select the plan group you want to delete. Takes the uuid or the plan
                group's name.
        """
        await self._client.run("plan_groups.delete", {"plan_group": plan_group})


class AsyncDataSources:
    """Data Source modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self, *, limit: int | None = None, name: str | None = None, system: str | None = None
    ) -> AsyncPager[Record]:
        """List Data Source: List all data source object in your ChartMogul account.

        Args:
            limit: Set the maximum number of data sources mogul should return.
            name: Enter the data source name you want to list. For example, My data source.
            system: Select the billing system of the data source you want to list. Allowed: Stripe,
                Recurly, Chargify, Custom.
        """
        return self._client.run("data_sources.list", {"limit": limit, "name": name, "system": system})

    async def get(self, data_source: str) -> Record:
        """Get a Data Source: Retrieves a data source object from your ChartMogul account.

        Args:
            data_source (mandatory): Select the data source whose details you want to retrieve. Takes
                the uuid or the data source's name.
        """
        return await self._client.run("data_sources.get", {"data_source": data_source})

    async def create(self, *, name: str) -> Record:
        """Create a Data Source: Creates a data source object for importing data into ChartMogul.

        Args:
            name (mandatory): Enter a unique name for the data source. For example, Implementation
                system.
        """
        return await self._client.run("data_sources.create", {"name": name})

    async def delete(self, data_source: str) -> None:
        """Delete a Data Source: Deletes the specified data source object and all its associated data.

        Args:
            data_source (mandatory): Select the data source you want to delete. Takes the uuid or the
                data source's name.
        """
        await self._client.run("data_sources.delete", {"data_source": data_source})


class AsyncInvoices:
    """Invoices modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        customer: str | None = None,
        external_id: str | None = None,
    ) -> AsyncPager[Record]:
        """List Invoices: Returns a list of invoice objects created using the API in your ChartMogul
        account.

        Args:
            limit: Set the maximum number of invoices mogul should return.
            data_source: Select the data source whose invoices you want to list. Takes the uuid or the
                data source's name.
            customer: Select the customer whose invoices you want to list. Takes the uuid or the
                customer's external id or email.
            external_id: Select the unique External ID of the invoice you want to list.
        """
        return self._client.run(
            "invoices.list",
            {"limit": limit, "data_source": data_source, "customer": customer, "external_id": external_id},
        )

    async def get(self, invoice: str) -> Record:
        """Get an Invoice: Retrieves an invoice object from your ChartMogul account.

        Args:
            invoice (mandatory): Select the invoice whose details you want to retrieve. Takes the uuid
                or the invoice's external id.
        """
        return await self._client.run("invoices.get", {"invoice": invoice})

    async def import_(
        self,
        customer: str,
        *,
        external_id: str,
        date: datetime | date | str,
        currency: str,
        line_items: Sequence[Mapping[str, Any]],
        data_source: str | None = None,
        customer_external_id: str | None = None,
        transactions: Sequence[Mapping[str, Any]] | None = None,
        due_date: datetime | date | str | None = None,
    ) -> Record:
        """Import an Invoice: Creates an invoice for a given API customer.

        Args:
            customer (mandatory): Select the Customer ID whose invoice you want to import. Takes the
                uuid or the customer's external id or email.
            external_id (mandatory): Enter the unique External ID of the invoice. It should be an
                identifier from your internal system. Accepts alphanumeric characters.
            date (mandatory): Enter the date on which the invoice was raised.
            currency (mandatory): The 3-letter currency code of the currency in which this invoice is
                billed. For example, USD, EUR, GBP.
            line_items (mandatory): Add the line items of the invoice. Each item: type*
                (Subscription/One Time), amount_in_cents*, subscription_external_id,
                subscription_set_external_id, plan, service_period_start, service_period_end,
                cancelled_at, prorated (Yes/No/Not defined), description, quantity,
                discount_amount_in_cents, discount_code, tax_amount_in_cents, transaction_fees_in_cents,
                external_id, account_code (* mandatory).
            data_source: Enter the ChartMogul UUID of the Data Source to which these invoices should be
                attributed. Takes the uuid or the data source's name.
            customer_external_id: Enter the unique Customer External ID specified by you for the
                customer. Typically an identifier from your internal system. Accepts alphanumeric
                characters.
            transactions: Add the transactions. Each item: date*, type* (Payment/Refund), result*
                (Successful/Failed), external_id, amount_in_cents (* mandatory).
            due_date: Enter the date by when the invoice must be paid.
        """
        return await self._client.run(
            "invoices.import",
            {
                "customer": customer,
                "external_id": external_id,
                "date": date,
                "currency": currency,
                "line_items": line_items,
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "transactions": transactions,
                "due_date": due_date,
            },
        )

    async def delete(self, invoice: str) -> None:
        """Delete an Invoice: Deletes the specified invoice object and all its associated data.

        Args:
            invoice (mandatory): Select the invoice you want to delete. Takes the uuid or the invoice's
                external id.
        """
        await self._client.run("invoices.delete", {"invoice": invoice})

    async def import_transaction(
        self,
        invoice: str,
        *,
        date: datetime | date | str,
        type: str,
        result: str,
        external_id: str | None = None,
        amount_in_cents: int | None = None,
    ) -> Record:
        """Import an Invoice Transaction: Creates a transaction object for an invoice imported using the
        import API.

        Args:
            invoice (mandatory): Select the invoice whose transaction you want to import. Takes the uuid
                or the invoice's external id.
            date (mandatory): Enter the date of the transaction.
            type (mandatory): Select the invoice transaction type. Allowed: Payment, Refund.
            result (mandatory): Select the result of the invoice transaction. Allowed: Successful,
                Failed.
            external_id: Enter the External ID of the invoice transaction.
            amount_in_cents: The amount paid or refunded in cents; leave empty for the invoice's full
                amount.
        """
        return await self._client.run(
            "invoices.import_transaction",
            {
                "invoice": invoice,
                "date": date,
                "type": type,
                "result": result,
                "external_id": external_id,
                "amount_in_cents": amount_in_cents,
            },
        )

    async def update(
        self,
        invoice: str,
        *,
        data_source: str | None = None,
        date: datetime | date | str | None = None,
        due_date: datetime | date | str | None = None,
        currency: str | None = None,
        collection_method: str | None = None,
    ) -> Record:
        """Update an Invoice: Updates the date, due date, currency or collection method of an invoice.

        Args:
            invoice (mandatory): Select the invoice you want to update. Takes the uuid or the invoice's
                external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            date: Enter the date on which the invoice was raised.
            due_date: Enter the date by when the invoice must be paid.
            currency: The 3-letter currency code of the currency in which this invoice is billed. For
                example, USD, EUR, GBP.
            collection_method: Select whether the invoice is paid automatically or manually. Allowed:
                Automatic, Manual.
        """
        return await self._client.run(
            "invoices.update",
            {
                "invoice": invoice,
                "data_source": data_source,
                "date": date,
                "due_date": due_date,
                "currency": currency,
                "collection_method": collection_method,
            },
        )

    async def disable(self, invoice: str, *, data_source: str | None = None) -> Record:
        """Disable an Invoice: Disables an invoice with its line items and transactions: it is kept, counts
        for no MRR, and is left out of lists unless they ask for disabled ones.

        Args:
            invoice (mandatory): Select the invoice you want to disable. Takes the uuid or the invoice's
                external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run("invoices.disable", {"invoice": invoice, "data_source": data_source})

    async def enable(self, invoice: str, *, data_source: str | None = None) -> Record:
        """Enable an Invoice: Enables a disabled invoice with its line items and transactions again.

        Args:
            invoice (mandatory): Select the invoice you want to enable. Takes the uuid or the invoice's
                external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run("invoices.enable", {"invoice": invoice, "data_source": data_source})

    async def update_status(self, invoice: str, *, data_source: str | None = None, status: str) -> Record:
        """Update an Invoice's Status: Voids an invoice or writes it off (its other statuses, open, paid
        and refunded, come from its transactions). There is no way back: a voided or written-off invoice
        stays so.

        Args:
            invoice (mandatory): Select the invoice whose status you want to set. Takes the uuid or the
                invoice's external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            status (mandatory): Select the invoice's new status: a voided or written-off invoice counts
                for no MRR. Allowed: Voided, Written Off.
        """
        return await self._client.run(
            "invoices.update_status", {"invoice": invoice, "data_source": data_source, "status": status}
        )


class AsyncLineItems:
    """Line Items modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    async def import_(
        self,
        invoice: str,
        *,
        type: str,
        amount_in_cents: int,
        subscription_external_id: str | None = None,
        subscription_set_external_id: str | None = None,
        plan: str | None = None,
        service_period_start: datetime | date | str | None = None,
        service_period_end: datetime | date | str | None = None,
        cancelled_at: datetime | date | str | None = None,
        prorated: str | None = None,
        description: str | None = None,
        quantity: int | None = None,
        discount_amount_in_cents: int | None = None,
        discount_code: str | None = None,
        tax_amount_in_cents: int | None = None,
        transaction_fees_in_cents: int | None = None,
        external_id: str | None = None,
        account_code: str | None = None,
    ) -> Record:
        """Import a Line Item: Adds a line item to an invoice imported using the import API.

        Args:
            invoice (mandatory): Select the invoice the line item is added to. Takes the uuid or the
                invoice's external id.
            type (mandatory): Select the invoice type. Allowed: Subscription, One Time.
            amount_in_cents (mandatory): Enter the final amount charged for the line item for the
                specified quantity and service period, after discounts, taxes, and fees have been
                applied.
            subscription_external_id: Enter the unique identifier for the subscription in your system.
                Applicable only for the subscription items.
            subscription_set_external_id: Enter the unique identifier of the subscription set this
                subscription belongs to. Applicable only for the subscription items.
            plan: Enter the ChartMogul UUID of the plan for which this subscription is being charged.
                Applicable only for the subscription items. Takes the uuid or the plan's external id or
                name.
            service_period_start: Enter the start date of the service period for which this subscription
                is being charged. Applicable only for the subscription items.
            service_period_end: Enter the end date of the service period for which this subscription is
                being charged. Applicable only for the subscription items.
            cancelled_at: Enter the date and time when the subscription has been canceled, if the
                subscription has canceled.
            prorated: Select whether this item is prorated. Accepted for one-time line items. Ignored
                for subscription line items. Allowed: Yes, No, Not defined.
            description: Enter the details of the item.
            quantity: Enter the quantity of the items. The default quantity is 1.
            discount_amount_in_cents: Enter the discount applied to this line item in cents. Defaults to
                0. The discount amount does not impact the calculation of MRR.
            discount_code: Enter the discount code applicable to the item.
            tax_amount_in_cents: Enter the tax applied to this line item in cents. Defaults to 0. If
                specified, we exclude the tax amount from MRR.
            transaction_fees_in_cents: Enter the final total transaction fees paid to the billing
                provider and/or payment processor for this line item in cents (or pence for GBP, etc.).
            external_id: Enter the unique External ID specified for the line item. Typically an
                identifier from your internal system. Accepts alphanumeric characters.
            account_code: Enter the unique account code or the account number of this line item used for
                the purposes of accounting and revenue recognition. Accepts a maximum of 30 alphanumeric
                characters.
        """
        return await self._client.run(
            "line_items.import",
            {
                "invoice": invoice,
                "type": type,
                "amount_in_cents": amount_in_cents,
                "subscription_external_id": subscription_external_id,
                "subscription_set_external_id": subscription_set_external_id,
                "plan": plan,
                "service_period_start": service_period_start,
                "service_period_end": service_period_end,
                "cancelled_at": cancelled_at,
                "prorated": prorated,
                "description": description,
                "quantity": quantity,
                "discount_amount_in_cents": discount_amount_in_cents,
                "discount_code": discount_code,
                "tax_amount_in_cents": tax_amount_in_cents,
                "transaction_fees_in_cents": transaction_fees_in_cents,
                "external_id": external_id,
                "account_code": account_code,
            },
        )

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        external_id: str | None = None,
        with_disabled: bool | None = None,
    ) -> AsyncPager[Record]:
        """List Line Items: Returns the line items of your ChartMogul account, oldest first.

        Args:
            limit: Set the maximum number of line items mogul should return.
            data_source: Select the data source whose line items you want to list. Takes the uuid or the
                data source's name.
            external_id: Enter the External ID of the line item you want to list.
            with_disabled: Select whether disabled line items are listed too.
        """
        return self._client.run(
            "line_items.list",
            {
                "limit": limit,
                "data_source": data_source,
                "external_id": external_id,
                "with_disabled": with_disabled,
            },
        )

    async def get(self, line_item: str, *, data_source: str | None = None) -> Record:
        """Get a Line Item: Retrieves a line item, a disabled one too.

        Args:
            line_item (mandatory): Select the line item you want to retrieve. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run("line_items.get", {"line_item": line_item, "data_source": data_source})

    async def update(
        self,
        line_item: str,
        *,
        data_source: str | None = None,
        type: str | None = None,
        amount_in_cents: int | None = None,
        subscription_external_id: str | None = None,
        subscription_set_external_id: str | None = None,
        plan: str | None = None,
        service_period_start: datetime | date | str | None = None,
        service_period_end: datetime | date | str | None = None,
        cancelled_at: datetime | date | str | None = None,
        prorated: str | None = None,
        description: str | None = None,
        quantity: int | None = None,
        discount_amount_in_cents: int | None = None,
        discount_code: str | None = None,
        tax_amount_in_cents: int | None = None,
        transaction_fees_in_cents: int | None = None,
        external_id: str | None = None,
        account_code: str | None = None,
    ) -> Record:
        """Update a Line Item: Updates a line item: the fields given replace the stored ones, and the
        customer's MRR follows.

        Args:
            line_item (mandatory): Select the line item you want to update. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            type: Select the invoice type. Allowed: Subscription, One Time.
            amount_in_cents: Enter the final amount charged for the line item for the specified quantity
                and service period, after discounts, taxes, and fees have been applied.
            subscription_external_id: Enter the unique identifier for the subscription in your system.
                Applicable only for the subscription items.
            subscription_set_external_id: Enter the unique identifier of the subscription set this
                subscription belongs to. Applicable only for the subscription items.
            plan: Enter the ChartMogul UUID of the plan for which this subscription is being charged.
                Applicable only for the subscription items. Takes the uuid or the plan's external id or
                name.
            service_period_start: Enter the start date of the service period for which this subscription
                is being charged. Applicable only for the subscription items.
            service_period_end: Enter the end date of the service period for which this subscription is
                being charged. Applicable only for the subscription items.
            cancelled_at: Enter the date and time when the subscription has been canceled, if the
                subscription has canceled.
            prorated: Select whether this item is prorated. Accepted for one-time line items. Ignored
                for subscription line items. Allowed: Yes, No, Not defined.
            description: Enter the details of the item.
            quantity: Enter the quantity of the items. The default quantity is 1.
            discount_amount_in_cents: Enter the discount applied to this line item in cents. Defaults to
                0. The discount amount does not impact the calculation of MRR.
            discount_code: Enter the discount code applicable to the item.
            tax_amount_in_cents: Enter the tax applied to this line item in cents. Defaults to 0. If
                specified, we exclude the tax amount from MRR.
            transaction_fees_in_cents: Enter the final total transaction fees paid to the billing
                provider and/or payment processor for this line item in cents (or pence for GBP, etc.).
            external_id: Enter the unique External ID specified for the line item. Typically an
                identifier from your internal system. Accepts alphanumeric characters.
            account_code: Enter the unique account code or the account number of this line item used for
                the purposes of accounting and revenue recognition. Accepts a maximum of 30 alphanumeric
                characters.
        """
        return await self._client.run(
            "line_items.update",
            {
                "line_item": line_item,
                "data_source": data_source,
                "type": type,
                "amount_in_cents": amount_in_cents,
                "subscription_external_id": subscription_external_id,
                "subscription_set_external_id": subscription_set_external_id,
                "plan": plan,
                "service_period_start": service_period_start,
                "service_period_end": service_period_end,
                "cancelled_at": cancelled_at,
                "prorated": prorated,
                "description": description,
                "quantity": quantity,
                "discount_amount_in_cents": discount_amount_in_cents,
                "discount_code": discount_code,
                "tax_amount_in_cents": tax_amount_in_cents,
                "transaction_fees_in_cents": transaction_fees_in_cents,
                "external_id": external_id,
                "account_code": account_code,
            },
        )

    async def disable(self, line_item: str, *, data_source: str | None = None) -> Record:
        """Disable a Line Item: Disables a line item: it is kept but counts for no MRR, and lists leave it
        out unless asked.

        Args:
            line_item (mandatory): Select the line item you want to disable. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run(
            "line_items.disable", {"line_item": line_item, "data_source": data_source}
        )

    async def enable(self, line_item: str, *, data_source: str | None = None) -> Record:
        """Enable a Line Item: Enables a disabled line item again.

        Args:
            line_item (mandatory): Select the line item you want to enable. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run(
            "line_items.enable", {"line_item": line_item, "data_source": data_source}
        )

    async def delete(self, line_item: str, *, data_source: str | None = None) -> None:
        """Delete a Line Item: Deletes a line item; the customer's MRR follows.

        Args:
            line_item (mandatory): Select the line item you want to delete. Give its uuid (li_...) or
                its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        await self._client.run("line_items.delete", {"line_item": line_item, "data_source": data_source})


class AsyncTransactions:
    """Transactions modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        external_id: str | None = None,
        with_disabled: bool | None = None,
    ) -> AsyncPager[Record]:
        """List Transactions: Returns the transactions of your ChartMogul account, oldest first.

        Args:
            limit: Set the maximum number of transactions mogul should return.
            data_source: Select the data source whose transactions you want to list. Takes the uuid or
                the data source's name.
            external_id: Enter the External ID of the transaction you want to list.
            with_disabled: Select whether disabled transactions are listed too.
        """
        return self._client.run(
            "transactions.list",
            {
                "limit": limit,
                "data_source": data_source,
                "external_id": external_id,
                "with_disabled": with_disabled,
            },
        )

    async def get(self, transaction: str, *, data_source: str | None = None) -> Record:
        """Get a Transaction: Retrieves a transaction, a disabled one too.

        Args:
            transaction (mandatory): Select the transaction you want to retrieve. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run(
            "transactions.get", {"transaction": transaction, "data_source": data_source}
        )

    async def update(
        self,
        transaction: str,
        *,
        data_source: str | None = None,
        date: datetime | date | str | None = None,
        type: str | None = None,
        result: str | None = None,
        external_id: str | None = None,
        amount_in_cents: int | None = None,
    ) -> Record:
        """Update a Transaction: Updates a transaction: the fields given replace the stored ones.

        Args:
            transaction (mandatory): Select the transaction you want to update. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            date: Enter the date of the transaction was made.
            type: Select the transaction type. Allowed: Payment, Refund.
            result: Select the transaction result. Allowed: Successful, Failed.
            external_id: Enter the unique External ID of the transaction.
            amount_in_cents: The amount paid or refunded in cents; leave empty for the invoice's full
                amount.
        """
        return await self._client.run(
            "transactions.update",
            {
                "transaction": transaction,
                "data_source": data_source,
                "date": date,
                "type": type,
                "result": result,
                "external_id": external_id,
                "amount_in_cents": amount_in_cents,
            },
        )

    async def disable(self, transaction: str, *, data_source: str | None = None) -> Record:
        """Disable a Transaction: Disables a transaction: it is kept, but its invoice's status and lists
        leave it out (unless asked).

        Args:
            transaction (mandatory): Select the transaction you want to disable. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run(
            "transactions.disable", {"transaction": transaction, "data_source": data_source}
        )

    async def enable(self, transaction: str, *, data_source: str | None = None) -> Record:
        """Enable a Transaction: Enables a disabled transaction again.

        Args:
            transaction (mandatory): Select the transaction you want to enable. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run(
            "transactions.enable", {"transaction": transaction, "data_source": data_source}
        )

    async def delete(self, transaction: str, *, data_source: str | None = None) -> None:
        """Delete a Transaction: Deletes a transaction.

        Args:
            transaction (mandatory): Select the transaction you want to delete. Give its uuid (tr_...)
                or its external id.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        await self._client.run(
            "transactions.delete", {"transaction": transaction, "data_source": data_source}
        )


class AsyncSubscriptionEvents:
    """Subscription Events modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        data_source: str | None = None,
        customer_external_id: str | None = None,
        subscription_external_id: str | None = None,
        event_type: str | None = None,
        plan_external_id: str | None = None,
        event_date: datetime | date | str | None = None,
        effective_date: datetime | date | str | None = None,
        external_id: str | None = None,
        with_disabled: bool | None = None,
    ) -> AsyncPager[Record]:
        """List Subscription Events: Returns the subscription events of your ChartMogul account, oldest
        first.

        Args:
            limit: Set the maximum number of subscription events mogul should return.
            data_source: Select the data source whose events you want to list. Takes the uuid or the
                data source's name.
            customer_external_id: Enter the external ID of a customer.
            subscription_external_id: Enter the external ID of a subscription.
            event_type: Select the type of the events. Allowed: Started, Start (Scheduled), Start
                (Retracted), Canceled, Cancellation (Scheduled), Cancellation (Retracted), Updated,
                Update (Scheduled), Update (Retracted), Retracted.
            plan_external_id: Enter the external ID of a plan.
            event_date: Enter the event date (a date alone means that day).
            effective_date: Enter the effective date (a date alone means that day).
            external_id: Enter the external ID of the event.
            with_disabled: Select whether disabled events are listed too.
        """
        return self._client.run(
            "subscription_events.list",
            {
                "limit": limit,
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "subscription_external_id": subscription_external_id,
                "event_type": event_type,
                "plan_external_id": plan_external_id,
                "event_date": event_date,
                "effective_date": effective_date,
                "external_id": external_id,
                "with_disabled": with_disabled,
            },
        )

    async def create(
        self,
        *,
        data_source: str,
        customer_external_id: str,
        subscription_external_id: str,
        event_type: str,
        event_date: datetime | date | str,
        effective_date: datetime | date | str,
        plan_external_id: str | None = None,
        currency: str | None = None,
        amount_in_cents: int | None = None,
        quantity: int | None = None,
        tax_amount_in_cents: int | None = None,
        subscription_set_external_id: str | None = None,
        external_id: str | None = None,
        retracted_event_id: int | None = None,
        event_order: int | None = None,
    ) -> Record:
        """Create a Subscription Event: Creates a subscription event: a start, update or cancellation
        changes the subscription's MRR at its effective date; a scheduled one is a commitment that
        changes no MRR.

        Args:
            data_source (mandatory): Select the data source of the event. Takes the uuid or the data
                source's name.
            customer_external_id (mandatory): Enter the external ID of the customer (in the data source)
                the event belongs to.
            subscription_external_id (mandatory): Enter the external ID of the subscription the event
                changes.
            event_type (mandatory): Select the event type: Started, Updated and Canceled change MRR at
                the effective date; the scheduled ones are commitments; Retracted withdraws the event it
                names. Allowed: Started, Start (Scheduled), Start (Retracted), Canceled, Cancellation
                (Scheduled), Cancellation (Retracted), Updated, Update (Scheduled), Update (Retracted),
                Retracted.
            event_date (mandatory): Enter when the event was raised.
            effective_date (mandatory): Enter when the change takes effect.
            plan_external_id: Enter the external ID of the plan (required for start and update events).
            currency: The 3-letter currency code of the amount (required for start and update events).
            amount_in_cents: Enter the amount charged for one plan interval, in cents (required for
                start and update events).
            quantity: Enter the quantity of the subscription (required for start and update events).
            tax_amount_in_cents: Enter the tax included in the amount, in cents; it is left out of MRR.
            subscription_set_external_id: Enter the external ID of the subscription set the subscription
                belongs to.
            external_id: Enter the event's unique external ID in the data source.
            retracted_event_id: Enter the ID of the event a retraction withdraws (required for
                retraction events).
            event_order: Enter the order of events that take effect at the same time (lower first).
        """
        return await self._client.run(
            "subscription_events.create",
            {
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "subscription_external_id": subscription_external_id,
                "event_type": event_type,
                "event_date": event_date,
                "effective_date": effective_date,
                "plan_external_id": plan_external_id,
                "currency": currency,
                "amount_in_cents": amount_in_cents,
                "quantity": quantity,
                "tax_amount_in_cents": tax_amount_in_cents,
                "subscription_set_external_id": subscription_set_external_id,
                "external_id": external_id,
                "retracted_event_id": retracted_event_id,
                "event_order": event_order,
            },
        )

    async def update(
        self,
        subscription_event: str,
        *,
        data_source: str | None = None,
        customer_external_id: str | None = None,
        subscription_external_id: str | None = None,
        event_type: str | None = None,
        event_date: datetime | date | str | None = None,
        effective_date: datetime | date | str | None = None,
        plan_external_id: str | None = None,
        currency: str | None = None,
        amount_in_cents: int | None = None,
        quantity: int | None = None,
        tax_amount_in_cents: int | None = None,
        subscription_set_external_id: str | None = None,
        external_id: str | None = None,
        retracted_event_id: int | None = None,
        event_order: int | None = None,
    ) -> Record:
        """Update a Subscription Event: Updates a subscription event: the fields given replace the stored
        ones, and the customer's MRR follows.

        Args:
            subscription_event (mandatory): Select the event you want to update. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
            customer_external_id: Enter the external ID of the customer (in the data source) the event
                belongs to.
            subscription_external_id: Enter the external ID of the subscription the event changes.
            event_type: Select the event type: Started, Updated and Canceled change MRR at the effective
                date; the scheduled ones are commitments; Retracted withdraws the event it names.
                Allowed: Started, Start (Scheduled), Start (Retracted), Canceled, Cancellation
                (Scheduled), Cancellation (Retracted), Updated, Update (Scheduled), Update (Retracted),
                Retracted.
            event_date: Enter when the event was raised.
            effective_date: Enter when the change takes effect.
            plan_external_id: Enter the external ID of the plan (required for start and update events).
            currency: The 3-letter currency code of the amount (required for start and update events).
            amount_in_cents: Enter the amount charged for one plan interval, in cents (required for
                start and update events).
            quantity: Enter the quantity of the subscription (required for start and update events).
            tax_amount_in_cents: Enter the tax included in the amount, in cents; it is left out of MRR.
            subscription_set_external_id: Enter the external ID of the subscription set the subscription
                belongs to.
            external_id: Enter the event's unique external ID in the data source.
            retracted_event_id: Enter the ID of the event a retraction withdraws (required for
                retraction events).
            event_order: Enter the order of events that take effect at the same time (lower first).
        """
        return await self._client.run(
            "subscription_events.update",
            {
                "subscription_event": subscription_event,
                "data_source": data_source,
                "customer_external_id": customer_external_id,
                "subscription_external_id": subscription_external_id,
                "event_type": event_type,
                "event_date": event_date,
                "effective_date": effective_date,
                "plan_external_id": plan_external_id,
                "currency": currency,
                "amount_in_cents": amount_in_cents,
                "quantity": quantity,
                "tax_amount_in_cents": tax_amount_in_cents,
                "subscription_set_external_id": subscription_set_external_id,
                "external_id": external_id,
                "retracted_event_id": retracted_event_id,
                "event_order": event_order,
            },
        )

    async def disable(self, subscription_event: str, *, data_source: str | None = None) -> Record:
        """Disable a Subscription Event: Disables a subscription event: it is kept, but counts for no MRR
        and lists leave it out.

        Args:
            subscription_event (mandatory): Select the event you want to disable. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run(
            "subscription_events.disable",
            {"subscription_event": subscription_event, "data_source": data_source},
        )

    async def enable(self, subscription_event: str, *, data_source: str | None = None) -> Record:
        """Enable a Subscription Event: Enables a disabled subscription event again.

        Args:
            subscription_event (mandatory): Select the event you want to enable. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        return await self._client.run(
            "subscription_events.enable",
            {"subscription_event": subscription_event, "data_source": data_source},
        )

    async def delete(self, subscription_event: str, *, data_source: str | None = None) -> None:
        """Delete a Subscription Event: Deletes a subscription event; the customer's MRR follows.

        Args:
            subscription_event (mandatory): Select the event you want to delete. Give its ID, or its
                external ID with the data source.
            data_source: Select the data source of an object named by its external id (then one request
                finds it). Takes the uuid or the data source's name.
        """
        await self._client.run(
            "subscription_events.delete",
            {"subscription_event": subscription_event, "data_source": data_source},
        )


class AsyncSubscriptions:
    """Subscriptions modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(self, customer: str, *, limit: int | None = None) -> AsyncPager[Record]:
        """List Customer's Subscriptions: Returns a list of subscription objects for a given customer.

        Args:
            customer (mandatory): Select the customer whose subscriptions you want to list. Takes the
                uuid or the customer's external id or email.
            limit: Set the maximum number of subscriptions mogul should return.
        """
        return self._client.run("subscriptions.list", {"customer": customer, "limit": limit})

    async def cancel(
        self,
        subscription: str,
        *,
        cancelled_at: datetime | date | str | None = None,
        cancellation_dates: Sequence[datetime | date | str] | None = None,
    ) -> Record:
        """Cancel a Customer's Subscription: Cancels a list of subscription that was generated from an
        imported invoice.

        Args:
            subscription (mandatory): Enter the ChartMogul UUID of the subscription that needs to be
                canceled. Takes the uuid or nothing else (sub_...).
            cancelled_at: Enter the time at which the subscription was canceled.
            cancellation_dates: Add the cancellation dates (they replace the subscription's cancellation
                dates; an empty list removes them all).
        """
        return await self._client.run(
            "subscriptions.cancel",
            {
                "subscription": subscription,
                "cancelled_at": cancelled_at,
                "cancellation_dates": cancellation_dates,
            },
        )

    def connect(
        self, customer: str, *, subscriptions: Sequence[str] | str, limit: int | None = None
    ) -> AsyncPager[Record]:
        """Connect Subscriptions: Connects subscriptions of a customer (of one or several data sources)
        into one history, so moving from one to the next is a plan change rather than churn and new
        business; returns the customer's subscriptions.

        Args:
            customer (mandatory): Select the customer whose subscriptions these are. Takes the uuid or
                the customer's external id or email.
            subscriptions (mandatory): Add the subscriptions, each by its uuid (sub_...) or external ID.
            limit: Set the maximum number of subscriptions mogul should return.
        """
        return self._client.run(
            "subscriptions.connect", {"customer": customer, "subscriptions": subscriptions, "limit": limit}
        )

    def disconnect(
        self, customer: str, *, subscriptions: Sequence[str] | str, limit: int | None = None
    ) -> AsyncPager[Record]:
        """Disconnect Subscriptions: Disconnects connected subscriptions of a customer, each its own
        history again; returns the customer's subscriptions.

        Args:
            customer (mandatory): Select the customer whose subscriptions these are. Takes the uuid or
                the customer's external id or email.
            subscriptions (mandatory): Add the subscriptions, each by its uuid (sub_...) or external ID.
            limit: Set the maximum number of subscriptions mogul should return.
        """
        return self._client.run(
            "subscriptions.disconnect", {"customer": customer, "subscriptions": subscriptions, "limit": limit}
        )


class AsyncMetrics:
    """Metrics modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    async def all(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve All Key Metrics: Returns all key metrics (MRR, ARR, ARPA, ASP, customers, churn rates,
        LTV) as a series of entries between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.all",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def mrr(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve MRR: Returns Monthly Recurring Revenue, with its movements (new business, expansion,
        ...) as a series of entries between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.mrr",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def arr(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve ARR: Returns Annualized Run Rate (MRR × 12) as a series of entries between two dates,
        with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.arr",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def arpa(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve ARPA: Returns Average Revenue Per Account as a series of entries between two dates,
        with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.arpa",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def asp(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve ASP: Returns Average Sale Price of new subscriptions as a series of entries between two
        dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.asp",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def customer_count(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve Customer Count: Returns the number of active customers as a series of entries between
        two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.customer_count",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def customer_churn_rate(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve Customer Churn Rate: Returns the percentage of customers lost per period as a series of
        entries between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.customer_churn_rate",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def mrr_churn_rate(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve MRR Churn Rate: Returns the net MRR churn rate per period as a series of entries
        between two dates, with a summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.mrr_churn_rate",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )

    async def ltv(
        self,
        *,
        start_date: datetime | date | str,
        end_date: datetime | date | str,
        interval: str | None = None,
        geo: Sequence[str] | str | None = None,
        plans: Sequence[str] | str | None = None,
    ) -> Record:
        """Retrieve LTV: Returns customer lifetime value as a series of entries between two dates, with a
        summary.

        Args:
            start_date (mandatory): Enter the first day of the series (YYYY-MM-DD).
            end_date (mandatory): Enter the last day of the series (YYYY-MM-DD).
            interval: Select the period of each entry; without one, MRR, ARR, ARPA and customer count
                are daily and the others monthly. Allowed: Day, Week, Month, Quarter, Year.
            geo: Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count.
            plans: Enter the plans (names, uuids or external ids) to count.
        """
        return await self._client.run(
            "metrics.ltv",
            {
                "start_date": start_date,
                "end_date": end_date,
                "interval": interval,
                "geo": geo,
                "plans": plans,
            },
        )


class AsyncActivities:
    """Activities modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        start_date: datetime | date | str | None = None,
        end_date: datetime | date | str | None = None,
        type: str | None = None,
        order: str | None = None,
    ) -> AsyncPager[Record]:
        """List Activities: Returns the MRR activities (new business, expansion, contraction, churn,
        reactivation) of the account.

        Args:
            limit: Set the maximum number of activities mogul should return.
            start_date: Enter the earliest date of the activities.
            end_date: Enter the latest date of the activities (a date without a time means the whole
                day).
            type: Select the kind of MRR movement to list. Allowed: New Business, Expansion,
                Contraction, Churn, Reactivation, Exchange Rate Impact.
            order: Select the order of the activities (oldest first by default). Allowed: Oldest first,
                Newest first.
        """
        return self._client.run(
            "activities.list",
            {"limit": limit, "start_date": start_date, "end_date": end_date, "type": type, "order": order},
        )

    def customer(self, customer: str, *, limit: int | None = None) -> AsyncPager[Record]:
        """List a Customer's Activities: Returns the MRR activities of one customer, oldest first.

        Args:
            customer (mandatory): Select the customer whose activities you want to list. Takes the uuid
                or the customer's external id or email.
            limit: Set the maximum number of activities mogul should return.
        """
        return self._client.run("activities.customer", {"customer": customer, "limit": limit})

    async def export(
        self,
        *,
        start_date: datetime | date | str | None = None,
        end_date: datetime | date | str | None = None,
        type: str | None = None,
        wait: bool | None = None,
    ) -> Record:
        """Export Activities: Exports the account's activities, filtered as List Activities filters them,
        to a zipped CSV file and returns the export with the file's URL.

        Args:
            start_date: Enter the earliest date of the activities.
            end_date: Enter the latest date of the activities (a date without a time means the whole
                day).
            type: Select the kind of MRR movement to list. Allowed: New Business, Expansion,
                Contraction, Churn, Reactivation, Exchange Rate Impact.
            wait: Select whether to wait until the file is ready (yes by default).
        """
        return await self._client.run(
            "activities.export", {"start_date": start_date, "end_date": end_date, "type": type, "wait": wait}
        )

    async def get_export(self, id: str) -> Record:
        """Get an Activities Export: Returns an activities export: its status, and the file's URL once it
        has succeeded.

        Args:
            id (mandatory): Enter the ID of the export.
        """
        return await self._client.run("activities.get_export", {"id": id})


class AsyncContacts:
    """Contact modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        data_source: str | None = None,
        email: str | None = None,
        external_id: str | None = None,
    ) -> AsyncPager[Record]:
        """List Contacts: Returns the contacts in your ChartMogul account: of a customer, a data source, an
        email or an external id.

        Args:
            limit: Set the maximum number of contacts mogul should return.
            customer: Select the customer whose contacts you want to list. Takes the uuid or the
                customer's external id or email.
            data_source: Select the data source whose contacts you want to list. Takes the uuid or the
                data source's name.
            email: Enter the email address of the contacts you want to list.
            external_id: Enter the external ID of the contacts you want to list.
        """
        return self._client.run(
            "contacts.list",
            {
                "limit": limit,
                "customer": customer,
                "data_source": data_source,
                "email": email,
                "external_id": external_id,
            },
        )

    def customer(self, customer: str, *, limit: int | None = None) -> AsyncPager[Record]:
        """List a Customer's Contacts: Returns the contacts of one customer.

        Args:
            customer (mandatory): Select the customer whose contacts you want to list. Takes the uuid or
                the customer's external id or email.
            limit: Set the maximum number of contacts mogul should return.
        """
        return self._client.run("contacts.customer", {"customer": customer, "limit": limit})

    async def get(self, contact: str) -> Record:
        """Get a Contact: Retrieves a contact object from your ChartMogul account.

        Args:
            contact (mandatory): Enter the UUID of the contact you want to retrieve (con_...).
        """
        return await self._client.run("contacts.get", {"contact": contact})

    async def create(
        self,
        *,
        customer: str,
        data_source: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        title: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        linked_in: str | None = None,
        twitter: str | None = None,
        notes: str | None = None,
        position: int | None = None,
        external_id: str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Create a Contact: Creates a contact of a customer in ChartMogul, associated with one of its data
        sources.

        Args:
            customer (mandatory): Select the customer the contact belongs to. Takes the uuid or the
                customer's external id or email.
            data_source: Select the data source of the customer the contact is associated with (the
                customer's by default). Takes the uuid or the data source's name.
            first_name: Enter the first name of the contact.
            last_name: Enter the last name of the contact.
            title: Enter the job title of the contact.
            email: Enter the email address of the contact.
            phone: Enter the phone number of the contact.
            linked_in: Enter the LinkedIn profile URL of the contact.
            twitter: Enter the Twitter URL of the contact.
            notes: Enter notes about the contact.
            position: Enter the position of the contact in the customer's profile (after the last one by
                default).
            external_id: Enter the identifier of the contact in your own system.
            custom: Add custom attributes of the contact: Key (Enter the name of the custom attribute),
                Value (Enter its value). Added to the ones it has.
        """
        return await self._client.run(
            "contacts.create",
            {
                "customer": customer,
                "data_source": data_source,
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": email,
                "phone": phone,
                "linked_in": linked_in,
                "twitter": twitter,
                "notes": notes,
                "position": position,
                "external_id": external_id,
                "custom": custom,
            },
        )

    async def add(
        self,
        customer: str,
        *,
        data_source: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        title: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        linked_in: str | None = None,
        twitter: str | None = None,
        notes: str | None = None,
        position: int | None = None,
        external_id: str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Add a Contact to a Customer: Creates a contact under the customer's own path (POST
        /customers/{uuid}/contacts).

        Args:
            customer (mandatory): Select the customer the contact belongs to. Takes the uuid or the
                customer's external id or email.
            data_source: Select the data source of the customer the contact is associated with (the
                customer's by default). Takes the uuid or the data source's name.
            first_name: Enter the first name of the contact.
            last_name: Enter the last name of the contact.
            title: Enter the job title of the contact.
            email: Enter the email address of the contact.
            phone: Enter the phone number of the contact.
            linked_in: Enter the LinkedIn profile URL of the contact.
            twitter: Enter the Twitter URL of the contact.
            notes: Enter notes about the contact.
            position: Enter the position of the contact in the customer's profile (after the last one by
                default).
            external_id: Enter the identifier of the contact in your own system.
            custom: Add custom attributes of the contact: Key (Enter the name of the custom attribute),
                Value (Enter its value). Added to the ones it has.
        """
        return await self._client.run(
            "contacts.add",
            {
                "customer": customer,
                "data_source": data_source,
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": email,
                "phone": phone,
                "linked_in": linked_in,
                "twitter": twitter,
                "notes": notes,
                "position": position,
                "external_id": external_id,
                "custom": custom,
            },
        )

    async def update(
        self,
        contact: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        title: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        linked_in: str | None = None,
        twitter: str | None = None,
        notes: str | None = None,
        position: int | None = None,
        external_id: str | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Update a Contact: Updates the fields given of a contact; custom attributes are added to the ones
        it has.

        Args:
            contact (mandatory): Enter the UUID of the contact you want to update (con_...).
            first_name: Enter the first name of the contact.
            last_name: Enter the last name of the contact.
            title: Enter the job title of the contact.
            email: Enter the email address of the contact.
            phone: Enter the phone number of the contact.
            linked_in: Enter the LinkedIn profile URL of the contact.
            twitter: Enter the Twitter URL of the contact.
            notes: Enter notes about the contact.
            position: Enter the position of the contact in the customer's profile (after the last one by
                default).
            external_id: Enter the identifier of the contact in your own system.
            custom: Add custom attributes of the contact: Key (Enter the name of the custom attribute),
                Value (Enter its value). Added to the ones it has.
        """
        return await self._client.run(
            "contacts.update",
            {
                "contact": contact,
                "first_name": first_name,
                "last_name": last_name,
                "title": title,
                "email": email,
                "phone": phone,
                "linked_in": linked_in,
                "twitter": twitter,
                "notes": notes,
                "position": position,
                "external_id": external_id,
                "custom": custom,
            },
        )

    async def delete(self, contact: str) -> None:
        """Delete a Contact: Deletes the specified contact.

        Args:
            contact (mandatory): Enter the UUID of the contact you want to delete (con_...).
        """
        await self._client.run("contacts.delete", {"contact": contact})

    async def merge(self, into_contact: str, *, from_contact: str) -> Record:
        """Merge Contacts: Merges one contact into another: the kept contact takes the fields it lacks, the
        other is deleted.

        Args:
            into_contact (mandatory): Enter the UUID of the contact to keep (con_...).
            from_contact (mandatory): Enter the UUID of the contact to merge into it, which is then
                deleted (con_...).
        """
        return await self._client.run(
            "contacts.merge", {"into_contact": into_contact, "from_contact": from_contact}
        )


class AsyncCustomerNotes:
    """Customer Note modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        type: str | None = None,
        author_email: str | None = None,
    ) -> AsyncPager[Record]:
        """List Customer Notes: Returns the notes and call logs in your ChartMogul account: of a customer,
        a type or an author.

        Args:
            limit: Set the maximum number of notes mogul should return.
            customer: Select the customer whose notes you want to list. Takes the uuid or the customer's
                external id or email.
            type: Select the type of the notes you want to list. Allowed: Note, Call Log.
            author_email: Enter the email of the author of the notes you want to list.
        """
        return self._client.run(
            "customer_notes.list",
            {"limit": limit, "customer": customer, "type": type, "author_email": author_email},
        )

    async def get(self, note: str) -> Record:
        """Get a Customer Note: Retrieves a note or call log from your ChartMogul account.

        Args:
            note (mandatory): Enter the UUID of the note you want to retrieve (note_...).
        """
        return await self._client.run("customer_notes.get", {"note": note})

    async def create(
        self,
        *,
        customer: str,
        type: str,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Customer Note: Adds a note or a call log to a customer.

        Args:
            customer (mandatory): Select the customer the note or call log is about. Takes the uuid or
                the customer's external id or email.
            type (mandatory): Select whether it is a note or a call log. Allowed: Note, Call Log.
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
        """
        return await self._client.run(
            "customer_notes.create",
            {
                "customer": customer,
                "type": type,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
            },
        )

    async def update(
        self,
        note: str,
        *,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
        updated_at: datetime | date | str | None = None,
    ) -> Record:
        """Update a Customer Note: Updates the content, author, call duration or times of a note or call
        log.

        Args:
            note (mandatory): Enter the UUID of the note you want to update (note_...).
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
            updated_at: Enter when it was last changed (now by default).
        """
        return await self._client.run(
            "customer_notes.update",
            {
                "note": note,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
                "updated_at": updated_at,
            },
        )

    async def delete(self, note: str) -> None:
        """Delete a Customer Note: Deletes the specified note or call log.

        Args:
            note (mandatory): Enter the UUID of the note you want to delete (note_...).
        """
        await self._client.run("customer_notes.delete", {"note": note})


class AsyncNotes:
    """Note modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        contact: str | None = None,
        type: str | None = None,
        author_email: str | None = None,
    ) -> AsyncPager[Record]:
        """List Notes: Returns the notes and call logs in your ChartMogul account: of a customer or a
        contact, a type or an author.

        Args:
            limit: Set the maximum number of notes mogul should return.
            customer: Select the customer whose notes you want to list. Takes the uuid or the customer's
                external id or email.
            contact: Enter the UUID of the contact whose notes you want to list.
            type: Select the type of the notes you want to list. Allowed: Note, Call Log.
            author_email: Enter the email of the author of the notes you want to list.
        """
        return self._client.run(
            "notes.list",
            {
                "limit": limit,
                "customer": customer,
                "contact": contact,
                "type": type,
                "author_email": author_email,
            },
        )

    async def get(self, note: str) -> Record:
        """Get a Note: Retrieves a note or call log from your ChartMogul account.

        Args:
            note (mandatory): Enter the UUID of the note you want to retrieve (note_...).
        """
        return await self._client.run("notes.get", {"note": note})

    async def create(
        self,
        *,
        customer: str,
        type: str,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Note: Adds a note or a call log to a customer.

        Args:
            customer (mandatory): Select the customer the note or call log is about. Takes the uuid or
                the customer's external id or email.
            type (mandatory): Select whether it is a note or a call log. Allowed: Note, Call Log.
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
        """
        return await self._client.run(
            "notes.create",
            {
                "customer": customer,
                "type": type,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
            },
        )

    async def create_for_contact(
        self,
        *,
        contact: str,
        type: str,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Contact Note: Adds a note or a call log to a contact.

        Args:
            contact (mandatory): Enter the UUID of the contact the note or call log is about (con_...).
            type (mandatory): Select whether it is a note or a call log. Allowed: Note, Call Log.
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
        """
        return await self._client.run(
            "notes.create_for_contact",
            {
                "contact": contact,
                "type": type,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
            },
        )

    async def update(
        self,
        note: str,
        *,
        text: str | None = None,
        author_email: str | None = None,
        call_duration: int | None = None,
        created_at: datetime | date | str | None = None,
        updated_at: datetime | date | str | None = None,
    ) -> Record:
        """Update a Note: Updates the content, author, call duration or times of a note or call log.

        Args:
            note (mandatory): Enter the UUID of the note you want to update (note_...).
            text: Enter the content of the note or call log.
            author_email: Enter the email of the ChartMogul user who wrote it (the owner of the API key
                by default).
            call_duration: Enter the duration of the call in seconds.
            created_at: Enter the date and time of the note or call (in the past).
            updated_at: Enter when it was last changed (now by default).
        """
        return await self._client.run(
            "notes.update",
            {
                "note": note,
                "text": text,
                "author_email": author_email,
                "call_duration": call_duration,
                "created_at": created_at,
                "updated_at": updated_at,
            },
        )

    async def delete(self, note: str) -> None:
        """Delete a Note: Deletes the specified note or call log.

        Args:
            note (mandatory): Enter the UUID of the note you want to delete (note_...).
        """
        await self._client.run("notes.delete", {"note": note})


class AsyncOpportunities:
    """Opportunity modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        owner: str | None = None,
        pipeline: str | None = None,
        pipeline_stage: str | None = None,
        estimated_close_date_on_or_after: datetime | date | str | None = None,
        estimated_close_date_on_or_before: datetime | date | str | None = None,
    ) -> AsyncPager[Record]:
        """List Opportunities: Returns the opportunities in your ChartMogul account: of a customer, an
        owner, a pipeline or stage, or closing between two dates.

        Args:
            limit: Set the maximum number of opportunities mogul should return.
            customer: Select the customer whose opportunities you want to list. Takes the uuid or the
                customer's external id or email.
            owner: Enter the email of the owner of the opportunities you want to list.
            pipeline: Enter the pipeline of the opportunities you want to list.
            pipeline_stage: Enter the stage of the opportunities you want to list.
            estimated_close_date_on_or_after: Enter the earliest estimated close date of the
                opportunities.
            estimated_close_date_on_or_before: Enter the latest estimated close date of the
                opportunities.
        """
        return self._client.run(
            "opportunities.list",
            {
                "limit": limit,
                "customer": customer,
                "owner": owner,
                "pipeline": pipeline,
                "pipeline_stage": pipeline_stage,
                "estimated_close_date_on_or_after": estimated_close_date_on_or_after,
                "estimated_close_date_on_or_before": estimated_close_date_on_or_before,
            },
        )

    async def get(self, opportunity: str) -> Record:
        """Get an Opportunity: Retrieves an opportunity object from your ChartMogul account.

        Args:
            opportunity (mandatory): Enter the UUID of the opportunity you want to retrieve.
        """
        return await self._client.run("opportunities.get", {"opportunity": opportunity})

    async def create(
        self,
        *,
        customer: str,
        owner: str,
        pipeline: str,
        pipeline_stage: str,
        estimated_close_date: datetime | date | str,
        amount_in_cents: int,
        currency: str,
        type: str | None = None,
        forecast_category: str | None = None,
        win_likelihood: int | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Create an Opportunity: Creates a sales opportunity for a customer.

        Args:
            customer (mandatory): Select the customer the opportunity is for. Takes the uuid or the
                customer's external id or email.
            owner (mandatory): Enter the email of the salesperson responsible for the opportunity.
            pipeline (mandatory): Enter the name of the sales pipeline.
            pipeline_stage (mandatory): Enter the name of the current stage of the deal in the pipeline.
            estimated_close_date (mandatory): Enter the date the opportunity is expected to close.
            amount_in_cents (mandatory): Enter the expected value of the opportunity in cents.
            currency (mandatory): Enter the 3-letter currency code of the amount.
            type: Select the type of the opportunity (recurring by default). Allowed: Recurring, One-
                time.
            forecast_category: Select the opportunity's grouping by its likelihood of closing (the
                stage's by default). Allowed: Pipeline, Best Case, Committed, Omitted, Closed Won,
                Closed Lost.
            win_likelihood: Enter the likelihood in percent (0 to 100) that it closes (the stage's by
                default).
            custom: Add custom attributes of the opportunity: Key (Enter the name of the custom
                attribute), Value (Enter its value). Added to the ones it has.
        """
        return await self._client.run(
            "opportunities.create",
            {
                "customer": customer,
                "owner": owner,
                "pipeline": pipeline,
                "pipeline_stage": pipeline_stage,
                "estimated_close_date": estimated_close_date,
                "amount_in_cents": amount_in_cents,
                "currency": currency,
                "type": type,
                "forecast_category": forecast_category,
                "win_likelihood": win_likelihood,
                "custom": custom,
            },
        )

    async def update(
        self,
        opportunity: str,
        *,
        owner: str | None = None,
        pipeline: str | None = None,
        pipeline_stage: str | None = None,
        estimated_close_date: datetime | date | str | None = None,
        amount_in_cents: int | None = None,
        currency: str | None = None,
        type: str | None = None,
        forecast_category: str | None = None,
        win_likelihood: int | None = None,
        custom: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None,
    ) -> Record:
        """Update an Opportunity: Updates the fields given of an opportunity; custom attributes are added
        to the ones it has.

        Args:
            opportunity (mandatory): Enter the UUID of the opportunity you want to update.
            owner: Enter the email of the salesperson responsible for the opportunity.
            pipeline: Enter the name of the sales pipeline.
            pipeline_stage: Enter the name of the current stage of the deal in the pipeline.
            estimated_close_date: Enter the date the opportunity is expected to close.
            amount_in_cents: Enter the expected value of the opportunity in cents.
            currency: Enter the 3-letter currency code of the amount.
            type: Select the type of the opportunity (recurring by default). Allowed: Recurring, One-
                time.
            forecast_category: Select the opportunity's grouping by its likelihood of closing (the
                stage's by default). Allowed: Pipeline, Best Case, Committed, Omitted, Closed Won,
                Closed Lost.
            win_likelihood: Enter the likelihood in percent (0 to 100) that it closes (the stage's by
                default).
            custom: Add custom attributes of the opportunity: Key (Enter the name of the custom
                attribute), Value (Enter its value). Added to the ones it has.
        """
        return await self._client.run(
            "opportunities.update",
            {
                "opportunity": opportunity,
                "owner": owner,
                "pipeline": pipeline,
                "pipeline_stage": pipeline_stage,
                "estimated_close_date": estimated_close_date,
                "amount_in_cents": amount_in_cents,
                "currency": currency,
                "type": type,
                "forecast_category": forecast_category,
                "win_likelihood": win_likelihood,
                "custom": custom,
            },
        )

    async def delete(self, opportunity: str) -> None:
        """Delete an Opportunity: Deletes the specified opportunity.

        Args:
            opportunity (mandatory): Enter the UUID of the opportunity you want to delete.
        """
        await self._client.run("opportunities.delete", {"opportunity": opportunity})


class AsyncTasks:
    """Task modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: int | None = None,
        customer: str | None = None,
        contact: str | None = None,
        assignee: str | None = None,
        due_date_on_or_after: datetime | date | str | None = None,
        due_date_on_or_before: datetime | date | str | None = None,
        completed: bool | None = None,
    ) -> AsyncPager[Record]:
        """List Tasks: Returns the tasks in your ChartMogul account: of a customer, a contact or an
        assignee, due between two dates, completed or open.

        Args:
            limit: Set the maximum number of tasks mogul should return.
            customer: Select the customer whose tasks you want to list. Takes the uuid or the customer's
                external id or email.
            contact: Enter the UUID of the contact whose tasks you want to list.
            assignee: Enter the email of the assignee of the tasks you want to list.
            due_date_on_or_after: Enter the earliest due date of the tasks.
            due_date_on_or_before: Enter the latest due date of the tasks (a date without a time means
                the whole day).
            completed: Select whether to list completed tasks or open ones.
        """
        return self._client.run(
            "tasks.list",
            {
                "limit": limit,
                "customer": customer,
                "contact": contact,
                "assignee": assignee,
                "due_date_on_or_after": due_date_on_or_after,
                "due_date_on_or_before": due_date_on_or_before,
                "completed": completed,
            },
        )

    async def get(self, task: str) -> Record:
        """Get a Task: Retrieves a task object from your ChartMogul account.

        Args:
            task (mandatory): Enter the UUID of the task you want to retrieve.
        """
        return await self._client.run("tasks.get", {"task": task})

    async def create(
        self,
        *,
        customer: str,
        task_details: str,
        assignee: str,
        due_date: datetime | date | str,
        completed_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Task: Creates a task about a customer, assigned to a ChartMogul user.

        Args:
            customer (mandatory): Select the customer the task is about. Takes the uuid or the
                customer's external id or email.
            task_details (mandatory): Enter what is to be done (up to 255 characters).
            assignee (mandatory): Enter the email of the ChartMogul user the task is assigned to.
            due_date (mandatory): Enter the date and time the task is due.
            completed_at: Enter when the task was completed.
        """
        return await self._client.run(
            "tasks.create",
            {
                "customer": customer,
                "task_details": task_details,
                "assignee": assignee,
                "due_date": due_date,
                "completed_at": completed_at,
            },
        )

    async def create_for_contact(
        self,
        *,
        contact: str,
        task_details: str,
        assignee: str,
        due_date: datetime | date | str,
        completed_at: datetime | date | str | None = None,
    ) -> Record:
        """Create a Contact Task: Creates a task about a contact, assigned to a ChartMogul user.

        Args:
            contact (mandatory): Enter the UUID of the contact the task is about (con_...).
            task_details (mandatory): Enter what is to be done (up to 255 characters).
            assignee (mandatory): Enter the email of the ChartMogul user the task is assigned to.
            due_date (mandatory): Enter the date and time the task is due.
            completed_at: Enter when the task was completed.
        """
        return await self._client.run(
            "tasks.create_for_contact",
            {
                "contact": contact,
                "task_details": task_details,
                "assignee": assignee,
                "due_date": due_date,
                "completed_at": completed_at,
            },
        )

    async def update(
        self,
        task: str,
        *,
        task_details: str | None = None,
        assignee: str | None = None,
        due_date: datetime | date | str | None = None,
        completed_at: datetime | date | str | None = None,
    ) -> Record:
        """Update a Task: Updates the details, assignee, due date or completion of a task.

        Args:
            task (mandatory): Enter the UUID of the task you want to update.
            task_details: Enter what is to be done (up to 255 characters).
            assignee: Enter the email of the ChartMogul user the task is assigned to.
            due_date: Enter the date and time the task is due.
            completed_at: Enter when the task was completed.
        """
        return await self._client.run(
            "tasks.update",
            {
                "task": task,
                "task_details": task_details,
                "assignee": assignee,
                "due_date": due_date,
                "completed_at": completed_at,
            },
        )

    async def delete(self, task: str) -> None:
        """Delete a Task: Deletes the specified task.

        Args:
            task (mandatory): Enter the UUID of the task you want to delete.
        """
        await self._client.run("tasks.delete", {"task": task})


class AsyncApi:
    """Other modules (async)."""

    def __init__(self, client: _Runs) -> None:
        self._client = client

    async def call(
        self,
        url: str,
        *,
        method: str | None = None,
        headers: Mapping[str, str] | str | None = None,
        query: Mapping[str, str] | str | None = None,
        body: Any = None,
    ) -> Record:
        """Make an API Call: Performs an arbitrary authorized API call.

        Args:
            url (mandatory): Enter a path relative to the base URL (https://api.chartmogul.com/). For
                example: /v1/customers. A path without /v1 gets it.
            method: Select the HTTP method you want to use: GET to retrieve information for an entry,
                POST to create a new entry, PUT to update/replace an existing entry, PATCH to make a
                partial entry update, DELETE to delete an entry. Allowed: GET, POST, PUT, PATCH, DELETE.
            headers: Enter the desired request headers. You don't have to add authorization headers; we
                already did that for you.
            query: Enter the request query string.
            body: Enter the body content for your API call.
        """
        return await self._client.run(
            "api.call", {"url": url, "method": method, "headers": headers, "query": query, "body": body}
        )


class AsyncResources:
    """The resource groups a client carries."""

    customers: AsyncCustomers
    plans: AsyncPlans
    plan_groups: AsyncPlanGroups
    data_sources: AsyncDataSources
    invoices: AsyncInvoices
    line_items: AsyncLineItems
    transactions: AsyncTransactions
    subscription_events: AsyncSubscriptionEvents
    subscriptions: AsyncSubscriptions
    metrics: AsyncMetrics
    activities: AsyncActivities
    contacts: AsyncContacts
    customer_notes: AsyncCustomerNotes
    notes: AsyncNotes
    opportunities: AsyncOpportunities
    tasks: AsyncTasks
    api: AsyncApi

    def _attach_resources(self) -> None:
        client = cast(_Runs, self)
        self.customers = AsyncCustomers(client)
        self.plans = AsyncPlans(client)
        self.plan_groups = AsyncPlanGroups(client)
        self.data_sources = AsyncDataSources(client)
        self.invoices = AsyncInvoices(client)
        self.line_items = AsyncLineItems(client)
        self.transactions = AsyncTransactions(client)
        self.subscription_events = AsyncSubscriptionEvents(client)
        self.subscriptions = AsyncSubscriptions(client)
        self.metrics = AsyncMetrics(client)
        self.activities = AsyncActivities(client)
        self.contacts = AsyncContacts(client)
        self.customer_notes = AsyncCustomerNotes(client)
        self.notes = AsyncNotes(client)
        self.opportunities = AsyncOpportunities(client)
        self.tasks = AsyncTasks(client)
        self.api = AsyncApi(client)
