"""The Scrapy project of forumwatch: spiders, middlewares, item pipelines, the cleaner and topic matching."""
