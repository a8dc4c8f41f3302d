-- One database per service that owns data.
CREATE DATABASE agents ENCODING 'UTF8';
CREATE DATABASE customers ENCODING 'UTF8';
