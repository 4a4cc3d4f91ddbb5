with orders as (
    select * from {{ ref('stg_orders') }}
),

payments as (
    select
        order_id,
        count(*) as payment_count,
        sum(amount) as amount,
        max(paid_at) as last_paid_at
    from {{ ref('stg_payments') }}
    group by order_id
)

select
    orders.order_id,
    orders.customer_id,
    orders.ordered_at,
    orders.status,
    coalesce(payments.payment_count, 0) as payment_count,
    coalesce(payments.amount, 0) as amount,
    payments.last_paid_at
from orders
left join payments on orders.order_id = payments.order_id
