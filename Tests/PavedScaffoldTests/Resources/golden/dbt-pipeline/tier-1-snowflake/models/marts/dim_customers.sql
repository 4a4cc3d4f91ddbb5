with customers as (
    select * from {{ ref('stg_customers') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

customer_orders as (
    select
        customer_id,
        min(ordered_at) as first_ordered_at,
        max(ordered_at) as most_recent_ordered_at,
        count(*) as order_count,
        sum(case when status not in ('returned', 'return_pending') then amount else 0 end) as lifetime_value
    from orders
    group by customer_id
)

select
    customers.customer_id,
    customers.first_name,
    customers.last_name,
    customers.signed_up_at,
    customer_orders.first_ordered_at,
    customer_orders.most_recent_ordered_at,
    coalesce(customer_orders.order_count, 0) as order_count,
    coalesce(customer_orders.lifetime_value, 0) as lifetime_value
from customers
left join customer_orders on customers.customer_id = customer_orders.customer_id
