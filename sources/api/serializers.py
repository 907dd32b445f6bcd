"""Sources and articles as the API shows them. No imports from claims (the arrow points one way)."""

from rest_framework import serializers

from sources.models import Article, Source


class SourceBriefSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Example: 3")
    slug = serializers.SlugField(
        read_only=True, help_text="Stable identifier for URLs and filters. Example: donald-trump"
    )
    name = serializers.CharField(read_only=True, help_text="Example: Donald Trump")
    kind = serializers.ChoiceField(
        choices=Source._meta.get_field("kind").choices,
        read_only=True,
        help_text="person, organisation, outlet, government, document or dataset. Example: person",
    )
    url = serializers.CharField(
        read_only=True, help_text="Official website, may be empty. Example: https://www.whitehouse.gov"
    )

    class Meta:
        model = Source
        fields = ["id", "slug", "name", "kind", "url"]


class SourceSerializer(SourceBriefSerializer):
    description = serializers.CharField(
        read_only=True, help_text="Who they are. Example: President of the United States."
    )
    external_id = serializers.CharField(
        read_only=True, help_text="Wikidata QID or similar, may be empty. Example: Q22686"
    )
    parent = SourceBriefSerializer(
        read_only=True, allow_null=True, help_text="The organisation they belong to, or null."
    )

    class Meta(SourceBriefSerializer.Meta):
        fields = [*SourceBriefSerializer.Meta.fields, "description", "external_id", "parent"]


class PublisherSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Example: 2")
    slug = serializers.SlugField(read_only=True, help_text="Example: axios")
    name = serializers.CharField(read_only=True, help_text="Example: Axios")

    class Meta:
        model = Source
        fields = ["id", "slug", "name"]


class ArticleBriefSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Example: 1")
    slug = serializers.SlugField(read_only=True, help_text="Example: trump-zelensky-independence-day")
    url = serializers.URLField(
        read_only=True, help_text="The article's address. Example: https://www.axios.com/2025/08/24/x"
    )
    title = serializers.CharField(read_only=True, help_text="Example: Trump says Ukraine can't win the war")
    publisher = PublisherSerializer(read_only=True, allow_null=True, help_text="The outlet, or null.")
    published_on = serializers.DateField(read_only=True, allow_null=True, help_text="Example: 2025-08-24")
    language = serializers.CharField(read_only=True, help_text="Example: en")

    class Meta:
        model = Article
        fields = ["id", "slug", "url", "title", "publisher", "published_on", "language"]


class ArticleSerializer(ArticleBriefSerializer):
    byline = serializers.CharField(read_only=True, help_text="As printed. Example: By Jane Doe")
    authors = SourceBriefSerializer(many=True, read_only=True, help_text="Who wrote it.")

    class Meta(ArticleBriefSerializer.Meta):
        fields = [*ArticleBriefSerializer.Meta.fields, "byline", "authors"]
