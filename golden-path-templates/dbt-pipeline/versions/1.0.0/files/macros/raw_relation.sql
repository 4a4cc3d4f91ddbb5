{#-
  The relation a staging model reads raw data from.

  In the `dev` and `ci` targets (DuckDB) that is the sample seed `raw_<table>`, so `dbt build`
  runs end to end with no warehouse; in every other target it is the declared source
  `raw.<table>`, whose freshness `dbt source freshness` checks.
-#}
{% macro raw_relation(table) -%}
  {%- if target.name in ['dev', 'ci'] -%}
    {{ return(ref('raw_' ~ table)) }}
  {%- else -%}
    {{ return(source('raw', table)) }}
  {%- endif -%}
{%- endmacro %}
