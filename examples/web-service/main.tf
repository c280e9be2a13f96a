locals {
  name = "web-${var.environment}"
  tags = {
    Service     = "web"
    Environment = var.environment
  }
}

module "network" {
  source = "./modules/network"

  name       = local.name
  cidr_block = "10.0.0.0/16"
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.al2023.id
  instance_type = var.instance_type
  subnet_id     = module.network.private_subnet_id

  metadata_options {
    http_tokens = "required"
  }

  tags = {
    Name = local.name
  }
}
